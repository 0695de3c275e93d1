#pragma once

#include <QDialog>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "protocol/protocolerror.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace recordlock {

class EditorController;
class LockState;
class MessageBar;
class ServerClock;

/// "Take over editing": shows who holds the open record's lock (since when, connected or not),
/// asks for a reason and takes the lock over for an administrator.
///
/// Take over stays disabled until the reason has at least 3 non-blank characters (500 at most);
/// Cancel is the default button, so Enter never takes a lock by accident. The request carries the
/// holder the dialog shows (expectHolder): if the lock changed hands meanwhile, the server refuses
/// with lock_changed and the dialog shows the new state instead. Accepted once this window edits.
class OverrideDialog : public QDialog
{
    Q_OBJECT

public:
    /// Fewest non-blank characters a reason needs.
    static constexpr int MinReasonLength = 3;
    /// Longest reason the server takes.
    static constexpr int MaxReasonLength = 500;

    /// controller and clock must outlive the dialog; it shows the controller's open record.
    OverrideDialog(EditorController *controller, const ServerClock &clock, QWidget *parent = nullptr);

    /// The reason as it will be sent: white space (line breaks too) collapsed to single spaces.
    QString reason() const;
    /// Types text into the reason field (replacing what is there).
    void setReason(const QString &text);
    /// True when text makes a reason the dialog accepts.
    static bool isValidReason(const QString &text);
    /// Presses Take over if it is enabled.
    void submit();

    /// The reason field.
    QPlainTextEdit *reasonEdit() const { return m_reason; }
    /// The Take over button.
    QPushButton *takeOverButton() const { return m_takeOver; }
    /// The Cancel button (the default button).
    QPushButton *cancelButton() const { return m_cancel; }
    /// The headline ("Alice Archer is editing CL-2026-0001.").
    QString headline() const;
    /// The message shown after a failure (lock_changed, forbidden, ...); empty when none.
    QString message() const;
    /// True while the request is on its way.
    bool isBusy() const { return m_busy; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void refresh();
    void limitReason();
    void updateButtons();
    void onTakenOver();
    void onFailed(const ProtocolError &error);
    QString currentHolderHandle() const;

    QPointer<EditorController> m_controller;
    QPointer<LockState> m_state;
    const ServerClock &m_clock;
    QLabel *m_headline;
    QLabel *m_holderLabel;
    QLabel *m_holder;
    QLabel *m_sinceLabel;
    QLabel *m_since;
    QLabel *m_connectionLabel;
    QLabel *m_connection;
    QLabel *m_expiresLabel;
    QLabel *m_expires;
    QLabel *m_explanation;
    QLabel *m_reasonLabel;
    QPlainTextEdit *m_reason;
    QLabel *m_counter;
    MessageBar *m_messages;
    QPushButton *m_takeOver;
    QPushButton *m_cancel;
    QTimer m_ticker;
    bool m_busy = false;
    /// The holder the admin was shown when the dialog opened (or last confirmed): the one the
    /// reason was written about, sent as expectHolder.
    QString m_shownHolderHandle;
};

} // namespace recordlock
