#pragma once

#include <QMenu>
#include <QPointer>
#include <QString>

class QAction;

namespace recordlock {

class ClientStack;
class LocksDialog;
class RecordEditor;
class RecordListView;

/// The main window's "Admin" menu, shown to administrators only: take over the open record,
/// its lock history, and "All locks…" (Ctrl+Shift+K), the live view of every current lock from
/// which a lock can be taken over too.
class AdminMenu : public QMenu
{
    Q_OBJECT

public:
    /// stack, list and editor must outlive the menu; window gets the shortcuts and parents the dialog.
    AdminMenu(ClientStack *stack, RecordListView *list, RecordEditor *editor, QWidget *window);

    /// "All locks…".
    QAction *locksAction() const { return m_locksAction; }
    /// The locks dialog while it is open, else nullptr.
    LocksDialog *locksDialog() const;
    /// Opens (or raises) the locks dialog.
    void showLocksDialog();
    /// Opens recordId in the editor (if it is not open) and then the override dialog for it.
    void takeOver(const QString &recordId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateVisibility();
    void onRecordLoaded();

    ClientStack *m_stack;
    RecordListView *m_list;
    RecordEditor *m_editor;
    QWidget *m_window;
    QAction *m_locksAction;
    QPointer<LocksDialog> m_locksDialog;
    /// The record to open the override dialog for once the editor shows it.
    QString m_pendingTakeOver;
};

} // namespace recordlock
