#include "ui/editoradminactions.h"

#include <QAction>
#include <QEvent>
#include <QWidget>

#include "editor/editorcontroller.h"
#include "editor/historymodel.h"
#include "ui/historydialog.h"
#include "ui/overridedialog.h"
#include "ui/uilogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

EditorAdminActions::EditorAdminActions(EditorController *controller, const ServerClock &clock, QWidget *editor)
    : QObject(editor)
    , m_controller(controller)
    , m_clock(clock)
    , m_editor(editor)
    , m_takeOver(new QAction(this))
    , m_history(new QAction(this))
{
    m_takeOver->setObjectName(u"takeOverAction"_s);
    m_takeOver->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_history->setObjectName(u"historyAction"_s);
    m_history->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_takeOver, &QAction::triggered, this, &EditorAdminActions::showOverrideDialog);
    connect(m_history, &QAction::triggered, this, &EditorAdminActions::showHistoryDialog);
    editor->addActions({m_takeOver, m_history});
    editor->installEventFilter(this);

    connect(controller, &EditorController::canTakeOverChanged, this, &EditorAdminActions::updateActions);
    connect(controller, &EditorController::modeChanged, this, [this](EditorController::Mode mode) {
        // The dialog speaks of the record that was open; another record needs a new one.
        if (mode == EditorController::Mode::Empty && m_overrideDialog && !m_overrideDialog->isBusy())
            m_overrideDialog->reject();
        updateActions();
    });
    if (Connection *connection = controller->connection()) {
        connect(connection, &Connection::signedIn, this, &EditorAdminActions::updateActions);
        connect(connection, &Connection::stateChanged, this, &EditorAdminActions::updateActions);
    }
    retranslate();
}

OverrideDialog *EditorAdminActions::overrideDialog() const
{
    return m_overrideDialog;
}

HistoryDialog *EditorAdminActions::historyDialog() const
{
    return m_historyDialog;
}

void EditorAdminActions::showOverrideDialog()
{
    if (m_overrideDialog) {
        m_overrideDialog->raise();
        m_overrideDialog->activateWindow();
        return;
    }
    if (!m_controller->canTakeOver())
        return;
    qCInfo(lcUi) << "override dialog for" << m_controller->recordId();
    m_overrideDialog = new OverrideDialog(m_controller, m_clock, m_editor);
    m_overrideDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_overrideDialog->open();
}

void EditorAdminActions::showHistoryDialog()
{
    const QString recordId = m_controller->recordId();
    if (recordId.isEmpty() || !m_controller->connection())
        return;
    if (m_historyDialog && m_historyDialog->model()->recordId() == recordId) {
        m_historyDialog->reload();
        m_historyDialog->raise();
        m_historyDialog->activateWindow();
        return;
    }
    if (m_historyDialog)
        m_historyDialog->close();
    m_historyDialog = new HistoryDialog(m_controller->connection(), recordId, m_controller->record().title(), m_editor);
    m_historyDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_historyDialog->show();
}

bool EditorAdminActions::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

void EditorAdminActions::retranslate()
{
    m_takeOver->setText(tr("&Take over editing…"));
    m_takeOver->setToolTip(tr("End the holder's editing of this record and edit it yourself (Ctrl+Shift+T)"));
    m_history->setText(tr("Lock &history…"));
    m_history->setToolTip(tr("Who held the lock of this record and when (Ctrl+H)"));
    updateActions();
}

void EditorAdminActions::updateActions()
{
    const bool admin = m_controller->isAdmin();
    m_takeOver->setVisible(admin);
    m_takeOver->setEnabled(m_controller->canTakeOver());
    m_history->setVisible(admin);
    const Connection *connection = m_controller->connection();
    m_history->setEnabled(admin && !m_controller->recordId().isEmpty() && connection && connection->isOnline());
}

} // namespace recordlock
