#pragma once

#include <QDialog>
#include <QString>

#include "protocol/protocolerror.h"

class QLabel;
class QPushButton;
class QTreeView;

namespace recordlock {

class Connection;
class HistoryModel;

/// An administrator's view of one record's lock history: who took, released, lost or took over
/// the lock and when, with the override reasons; newest first, older pages on "Load older".
class HistoryDialog : public QDialog
{
    Q_OBJECT

public:
    /// connection must outlive the dialog; loads recordId's newest page at once. title may be empty.
    HistoryDialog(Connection *connection, const QString &recordId, const QString &title, QWidget *parent = nullptr);

    /// The entries shown.
    HistoryModel *model() const { return m_model; }
    /// The table.
    QTreeView *view() const { return m_view; }
    /// "Load older".
    QPushButton *loadOlderButton() const { return m_loadOlder; }
    /// The status line ("12 entries", "Loading…", or why loading failed).
    QString statusText() const;
    /// Loads the newest page again.
    void reload();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateStatus();
    void onFailed(const ProtocolError &error);

    HistoryModel *m_model;
    QString m_recordId;
    QString m_title;
    QLabel *m_intro;
    QTreeView *m_view;
    QLabel *m_status;
    QPushButton *m_loadOlder;
    QPushButton *m_reload;
    QPushButton *m_close;
    QString m_error;
};

} // namespace recordlock
