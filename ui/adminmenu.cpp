#include "ui/adminmenu.h"

#include <QAction>
#include <QEvent>

#include "ui/clientstack.h"
#include "ui/editoradminactions.h"
#include "ui/locksdialog.h"
#include "ui/recordeditor.h"
#include "ui/recordlistview.h"
#include "ui/uilogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

AdminMenu::AdminMenu(ClientStack *stack, RecordListView *list, RecordEditor *editor, QWidget *window)
    : QMenu(window)
    , m_stack(stack)
    , m_list(list)
    , m_editor(editor)
    , m_window(window)
    , m_locksAction(new QAction(this))
{
    setObjectName(u"adminMenu"_s);
    addAction(editor->admin()->takeOverAction());
    addAction(editor->admin()->historyAction());
    addSeparator();
    m_locksAction->setObjectName(u"locksAction"_s);
    m_locksAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    connect(m_locksAction, &QAction::triggered, this, &AdminMenu::showLocksDialog);
    addAction(m_locksAction);
    // The window owns the shortcut too, so it works without opening the menu.
    window->addAction(m_locksAction);

    Connection &connection = stack->connection();
    connect(&connection, &Connection::signedIn, this, &AdminMenu::updateVisibility);
    connect(&connection, &Connection::signedOut, this, &AdminMenu::updateVisibility);
    connect(&connection, &Connection::stateChanged, this, &AdminMenu::updateVisibility);
    connect(&stack->controller(), &EditorController::recordLoaded, this, &AdminMenu::onRecordLoaded);
    retranslate();
}

LocksDialog *AdminMenu::locksDialog() const
{
    return m_locksDialog;
}

void AdminMenu::showLocksDialog()
{
    if (!m_stack->connection().session().isAdmin())
        return;
    if (m_locksDialog) {
        m_locksDialog->raise();
        m_locksDialog->activateWindow();
        return;
    }
    m_locksDialog = new LocksDialog(&m_stack->locks(), &m_stack->listModel(), m_window);
    m_locksDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_locksDialog, &LocksDialog::takeOverRequested, this, &AdminMenu::takeOver);
    m_locksDialog->show();
}

void AdminMenu::takeOver(const QString &recordId)
{
    EditorController &controller = m_stack->controller();
    if (controller.recordId() == recordId && controller.mode() != EditorController::Mode::Loading) {
        m_pendingTakeOver.clear();
        m_editor->admin()->showOverrideDialog();
        return;
    }
    qCInfo(lcUi) << "opening" << recordId << "to take it over";
    m_pendingTakeOver = recordId;
    // Selecting it in the list opens it as a click would; a record the filter hides is opened directly.
    if (!m_list->selectRecord(recordId))
        controller.open(recordId);
}

void AdminMenu::changeEvent(QEvent *event)
{
    QMenu::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void AdminMenu::retranslate()
{
    setTitle(tr("&Admin"));
    m_locksAction->setText(tr("All &locks…"));
    m_locksAction->setToolTip(tr("Every record someone is editing right now (Ctrl+Shift+K)"));
    updateVisibility();
}

void AdminMenu::updateVisibility()
{
    const bool admin = m_stack->connection().session().isAdmin();
    menuAction()->setVisible(admin);
    m_locksAction->setVisible(admin);
    m_locksAction->setEnabled(admin);
    if (!admin && m_locksDialog)
        m_locksDialog->close();
}

void AdminMenu::onRecordLoaded()
{
    if (m_pendingTakeOver.isEmpty() || m_pendingTakeOver != m_stack->controller().recordId())
        return;
    m_pendingTakeOver.clear();
    m_editor->admin()->showOverrideDialog();
}

} // namespace recordlock
