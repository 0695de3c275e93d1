#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QWidget;

namespace recordlock {

class EditorController;
class HistoryDialog;
class OverrideDialog;
class ServerClock;

/// The administrators' actions on the editor's open record: "Take over editing…" (Ctrl+Shift+T)
/// and "Lock history…" (Ctrl+H), with the dialogs they open.
///
/// Both are visible to administrators only; Take over is enabled only while someone else holds
/// the lock (EditorController::canTakeOver()). Hiding is a courtesy: the server checks the role.
class EditorAdminActions : public QObject
{
    Q_OBJECT

public:
    /// controller and clock must outlive the actions; editor parents the dialogs and gets the actions.
    EditorAdminActions(EditorController *controller, const ServerClock &clock, QWidget *editor);

    /// "Take over editing…".
    QAction *takeOverAction() const { return m_takeOver; }
    /// "Lock history…".
    QAction *historyAction() const { return m_history; }
    /// The override dialog while it is open, else nullptr.
    OverrideDialog *overrideDialog() const;
    /// The history dialog while it is open, else nullptr.
    HistoryDialog *historyDialog() const;

    /// Opens the override dialog for the open record (or raises it), if taking over is possible.
    void showOverrideDialog();
    /// Opens the lock history of the open record (a new dialog when the record changed).
    void showHistoryDialog();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void updateActions();

    EditorController *m_controller;
    const ServerClock &m_clock;
    QWidget *m_editor;
    QAction *m_takeOver;
    QAction *m_history;
    QPointer<OverrideDialog> m_overrideDialog;
    QPointer<HistoryDialog> m_historyDialog;
};

} // namespace recordlock
