#pragma once

#include <optional>

#include <QTimer>
#include <QWidget>

#include "client/connection.h"
#include "ui/statusicons.h"

class QAction;
class QLabel;
class QToolButton;

namespace recordlock {

/// The status bar's connection state: Connected, Reconnecting in N s (attempt k) with Retry now, Offline.
///
/// A server certificate the client refused is shown as such ("The server's certificate is not
/// trusted: ..."), with the error icon, rather than as a plain "Offline": retrying will not help.
/// Connected to another server of the list meanwhile, it says "Connected" with a warning naming the
/// refused server.
///
/// The tooltip (and accessible description) names the server in host:port form: the one connected
/// to, being tried, or, while offline, the servers of the list.
///
/// The accessible name always equals the visible text; a change of state (not every countdown tick)
/// is announced to screen readers.
class ConnectionIndicator : public QWidget
{
    Q_OBJECT

public:
    /// connection must outlive the indicator.
    explicit ConnectionIndicator(Connection *connection, QWidget *parent = nullptr);

    /// The sentence shown (and used as accessible name).
    QString text() const;
    /// The details in the tooltip (and accessible description): which server, refused certificates.
    QString details() const;
    /// The "Retry now" action (F5), enabled only while waiting to reconnect.
    QAction *retryAction() const { return m_retry; }

private:
    void onStateChanged();
    void refreshText();
    QString describeServer() const;

    Connection *m_connection;
    QLabel *m_icon;
    QLabel *m_label;
    QToolButton *m_retryButton;
    QAction *m_retry;
    /// Ticks the "in N s" countdown while waiting to reconnect.
    QTimer m_countdown;
    std::optional<StatusIcon> m_shownIcon;
    bool m_takenOver = false;
};

} // namespace recordlock
