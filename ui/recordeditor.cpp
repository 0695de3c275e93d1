#include "ui/recordeditor.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "client/lockstate.h"
#include "editor/editorcontroller.h"
#include "ui/conflictdialog.h"
#include "ui/editoradminactions.h"
#include "ui/editormessagetext.h"
#include "ui/fieldcatalog.h"
#include "ui/lockbanner.h"
#include "ui/messagebar.h"
#include "ui/recordheader.h"
#include "ui/recordform.h"
#include "ui/timetext.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

const QString DiscardId = u"discardChanges"_s;
const QString KeepId = u"keepChanges"_s;
const QString ResolveId = u"resolveConflicts"_s;

enum Page { PlaceholderPage, EditorPage };

} // namespace

RecordEditor::RecordEditor(EditorController *controller, const ServerClock &clock, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_pages(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_retryButton(new QPushButton(this))
    , m_header(new RecordHeader(this))
    , m_banner(new LockBanner(nullptr, controller, clock, this))
    , m_messages(new MessageBar(this))
    , m_form(new RecordForm)
    , m_editButton(new QPushButton(this))
    , m_saveButton(new QPushButton(this))
    , m_cancelButton(new QPushButton(this))
{
    setObjectName(u"recordEditor"_s);
    createActions();
    m_admin = new EditorAdminActions(controller, clock, this);
    connect(m_banner, &LockBanner::takeOverRequested, m_admin, &EditorAdminActions::showOverrideDialog);

    auto *placeholderPage = new QWidget(this);
    auto *placeholderLayout = new QVBoxLayout(placeholderPage);
    m_placeholder->setObjectName(u"editorPlaceholder"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setTextFormat(Qt::PlainText);
    m_retryButton->setObjectName(u"retryLoadButton"_s);
    connect(m_retryButton, &QPushButton::clicked, m_controller, &EditorController::reload);
    placeholderLayout->addStretch(1);
    placeholderLayout->addWidget(m_placeholder);
    placeholderLayout->addWidget(m_retryButton, 0, Qt::AlignHCenter);
    placeholderLayout->addStretch(2);

    auto *editorPage = new QWidget(this);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);

    m_editButton->setObjectName(u"editButton"_s);
    m_saveButton->setObjectName(u"saveButton"_s);
    m_cancelButton->setObjectName(u"cancelButton"_s);
    connect(m_editButton, &QPushButton::clicked, m_editAction, &QAction::trigger);
    connect(m_saveButton, &QPushButton::clicked, m_saveAction, &QAction::trigger);
    connect(m_cancelButton, &QPushButton::clicked, m_cancelAction, &QAction::trigger);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_editButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_saveButton);

    auto *editorLayout = new QVBoxLayout(editorPage);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(m_header);
    editorLayout->addWidget(m_banner);
    editorLayout->addWidget(m_messages);
    editorLayout->addWidget(scroll, 1);
    editorLayout->addLayout(buttons);

    m_pages->addWidget(placeholderPage);
    m_pages->addWidget(editorPage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_form, &RecordForm::fieldEdited, this, [this](const QString &field, const QString &value) {
        if (m_confirmingDiscard) {
            m_confirmingDiscard = false;
            m_messages->clearMessage();
        }
        m_controller->setFieldValue(field, value);
        m_form->setDirty(field, m_controller->isFieldDirty(field));
    });
    connect(m_form, &RecordForm::activity, m_controller, &EditorController::noteActivity);
    connect(m_messages, &MessageBar::actionTriggered, this, &RecordEditor::onMessageAction);

    connect(m_controller, &EditorController::modeChanged, this, &RecordEditor::onModeChanged);
    connect(m_controller, &EditorController::recordLoaded, this, &RecordEditor::onRecordLoaded);
    connect(m_controller, &EditorController::recordChanged, this, &RecordEditor::updateHeader);
    connect(m_controller, &EditorController::fieldsChanged, this, &RecordEditor::onFieldsChanged);
    connect(m_controller, &EditorController::dirtyChanged, this, &RecordEditor::updateState);
    connect(m_controller, &EditorController::canSaveChanged, this, &RecordEditor::updateState);
    connect(m_controller, &EditorController::canEditChanged, this, &RecordEditor::updateState);
    connect(m_controller, &EditorController::saveFailed, this, &RecordEditor::onSaveFailed);
    connect(m_controller, &EditorController::editRequestFailed, this, &RecordEditor::onEditRequestFailed);
    connect(m_controller, &EditorController::conflictsFound, this, &RecordEditor::onConflictsFound);
    connect(m_controller, &EditorController::loadFailed, this, &RecordEditor::onModeChanged);
    connect(m_controller, &EditorController::saved, this, [this] {
        m_messages->showMessage(Tone::Success, StatusIcon::HeldByMe,
                                tr("Saved as version %1.").arg(m_controller->record().version), {}, 4000);
        updateDirtyMarks();
    });
    connect(m_controller, &EditorController::draftRestored, this, [this] {
        m_messages->showMessage(Tone::Info, StatusIcon::Warning,
                                tr("Your unsaved changes from last time were restored. Click Edit to continue, "
                                   "or Cancel to discard them."));
        updateDirtyMarks();
    });

    m_placeholderDelay.setSingleShot(true);
    m_placeholderDelay.setInterval(300);
    connect(&m_placeholderDelay, &QTimer::timeout, this, [this] { m_pages->setCurrentIndex(PlaceholderPage); });

    retranslate();
    onModeChanged();
}

QString RecordEditor::recordTitle() const
{
    if (m_controller->recordId().isEmpty())
        return {};
    const QString title = m_controller->record().title();
    return title.isEmpty() ? m_controller->recordId() : m_controller->recordId() + u' ' + title;
}

void RecordEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void RecordEditor::createActions()
{
    m_editAction = new QAction(this);
    m_editAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_E), QKeySequence(Qt::Key_F2)});
    connect(m_editAction, &QAction::triggered, this, &RecordEditor::edit);
    m_saveAction = new QAction(this);
    m_saveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    connect(m_saveAction, &QAction::triggered, m_controller, &EditorController::save);
    m_cancelAction = new QAction(this);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    // Esc belongs to the editor only: in the search field or the list it keeps its usual meaning.
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_cancelAction, &QAction::triggered, this, &RecordEditor::requestCancel);
    addActions({m_editAction, m_saveAction, m_cancelAction});
}

void RecordEditor::retranslate()
{
    m_editAction->setText(tr("&Edit"));
    m_editAction->setToolTip(tr("Lock the record and start editing (Ctrl+E)"));
    m_saveAction->setText(tr("&Save"));
    m_saveAction->setToolTip(tr("Save your changes (Ctrl+S)"));
    m_cancelAction->setText(tr("Cancel"));
    m_cancelAction->setToolTip(tr("Stop editing and release the lock (Esc)"));
    m_editButton->setText(m_editAction->text());
    m_editButton->setToolTip(m_editAction->toolTip());
    m_cancelButton->setText(m_cancelAction->text());
    m_cancelButton->setToolTip(m_cancelAction->toolTip());
    m_saveButton->setToolTip(m_saveAction->toolTip());
    m_retryButton->setText(tr("&Retry"));
    updateState();
}

void RecordEditor::onModeChanged()
{
    using Mode = EditorController::Mode;
    const Mode mode = m_controller->mode();
    const bool showEditor = mode != Mode::Empty && mode != Mode::Loading && mode != Mode::LoadFailed;
    const bool between = mode == Mode::Empty || mode == Mode::Loading;
    if (showEditor || !between || m_pages->currentIndex() == PlaceholderPage) {
        m_placeholderDelay.stop();
        m_pages->setCurrentIndex(showEditor ? EditorPage : PlaceholderPage);
    } else if (!m_placeholderDelay.isActive()) {
        // Moving from one record to the next passes through Empty and Loading; showing the
        // placeholder for those few milliseconds would make the pane flash on every arrow key.
        m_placeholderDelay.start();
    }
    m_pages->widget(EditorPage)->setEnabled(showEditor);
    m_retryButton->setVisible(mode == Mode::LoadFailed);
    if (mode == Mode::Empty)
        m_placeholder->setText(tr("Select a record in the list to open it."));
    else if (mode == Mode::Loading)
        m_placeholder->setText(tr("Opening %1…").arg(m_controller->recordId()));
    else if (mode == Mode::LoadFailed)
        m_placeholder->setText(EditorMessageText::loadFailed(m_controller->lastError()));
    // A later request got the lock: why an earlier one failed is no longer true.
    if (mode == Mode::Editing && !m_editRequestFailure.isEmpty() && m_messages->text() == m_editRequestFailure)
        m_messages->clearMessage();
    if (mode == Mode::Empty || mode == Mode::Loading) {
        m_messages->clearMessage();
        m_confirmingDiscard = false;
        if (m_conflictDialog)
            m_conflictDialog->reject(); // its choices were about the record that just closed
    }
    updateState();
    emit titleChanged(recordTitle());
}

void RecordEditor::onRecordLoaded()
{
    const RecordData &record = m_controller->record();
    m_form->build(record.type, m_controller->fieldNames());
    for (const QString &field : m_form->fieldNames())
        m_form->setValue(field, m_controller->value(field));
    m_shownVersion = record.version;
    updateDirtyMarks();
    updateHeader();
    updateState();
    emit titleChanged(recordTitle());
}

void RecordEditor::onFieldsChanged(const QStringList &fields)
{
    for (const QString &field : fields)
        m_form->setValue(field, m_controller->value(field));
    updateDirtyMarks();
    const RecordData &record = m_controller->record();
    const bool othersSave = record.version > m_shownVersion && m_controller->mode() != EditorController::Mode::Saving;
    m_shownVersion = std::max(m_shownVersion, record.version);
    if (othersSave && !fields.isEmpty() && !m_controller->hasPendingConflicts()) {
        QStringList labels;
        for (const QString &field : fields)
            labels.append(FieldCatalog::label(record.type, field));
        m_messages->showMessage(Tone::Info, StatusIcon::Warning,
                                tr("%1 saved changes at %2: %3")
                                    .arg(record.updatedBy, TimeText::clock(record.updatedAt), labels.join(u", "_s)),
                                {}, 8000);
    }
    emit titleChanged(recordTitle());
}

void RecordEditor::onSaveFailed(const ProtocolError &error)
{
    const bool lockGone = error.code == ErrorCode::NoLock || error.code == ErrorCode::StaleToken
        || error.code == ErrorCode::NotHolder;
    m_messages->showMessage(Tone::Danger, StatusIcon::Error,
                            lockGone && m_controller->isDisplaced()
                                ? EditorMessageText::saveFailedTakenOver(m_controller->displacedBy().by.displayName)
                                : EditorMessageText::saveFailed(error));
    updateState();
}

void RecordEditor::onEditRequestFailed(const ProtocolError &error)
{
    const LockState *state = m_controller->lockState();
    m_editRequestFailure = EditorMessageText::editRequestFailed(error, state ? state->holderName() : QString());
    m_messages->showMessage(Tone::Warning, StatusIcon::Warning, m_editRequestFailure, {},
                            error.code == ErrorCode::LockHeld ? 8000 : 0);
}

void RecordEditor::onConflictsFound(const QList<FieldConflict> &conflicts)
{
    QStringList labels;
    for (const FieldConflict &conflict : conflicts)
        labels.append(FieldCatalog::label(m_controller->record().type, conflict.field));
    m_messages->showMessage(Tone::Warning, StatusIcon::Warning,
                            tr("Someone else changed fields you also changed: %1. Choose which values to keep.")
                                .arg(labels.join(u", "_s)),
                            {{ResolveId, tr("&Resolve…")}});
    updateDirtyMarks();
    updateState();
}

void RecordEditor::onMessageAction(const QString &id)
{
    if (id == ResolveId) {
        showConflictDialog();
    } else if (id == DiscardId) {
        m_confirmingDiscard = true;
        requestCancel();
    } else if (id == KeepId) {
        m_confirmingDiscard = false;
        m_messages->clearMessage();
        m_form->setFocus();
    }
}

void RecordEditor::edit()
{
    if (!m_editAction->isEnabled())
        return;
    m_controller->beginEdit();
    m_form->focusFirstField();
}

void RecordEditor::requestCancel()
{
    if (!m_cancelAction->isEnabled())
        return;
    if (m_controller->isDirty() && !m_confirmingDiscard) {
        m_confirmingDiscard = true;
        m_messages->showMessage(Tone::Warning, StatusIcon::Warning,
                                tr("Discard your unsaved changes? Press Esc again to discard them."),
                                {{DiscardId, tr("&Discard changes")}, {KeepId, tr("Keep &them")}});
        return;
    }
    m_confirmingDiscard = false;
    m_messages->clearMessage();
    m_controller->cancelEdit();
    updateDirtyMarks();
}

void RecordEditor::showConflictDialog()
{
    if (m_conflictDialog || !m_controller->hasPendingConflicts())
        return;
    const RecordData &record = m_controller->record();
    m_conflictDialog = new ConflictDialog(record.type, m_controller->pendingConflicts(), record.updatedBy, this);
    m_conflictDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_conflictDialog, &QDialog::accepted, this, [this] {
        const QMap<QString, bool> choices = m_conflictDialog->choices();
        m_messages->clearMessage();
        m_controller->resolveConflicts(choices);
        updateDirtyMarks();
        updateState();
    });
    m_conflictDialog->open();
}

void RecordEditor::updateState()
{
    using Mode = EditorController::Mode;
    const Mode mode = m_controller->mode();
    const bool typingAllowed = mode == Mode::Editing || mode == Mode::Requesting
        || (mode == Mode::Viewing && m_controller->canEdit());
    m_form->setReadOnly(!typingAllowed);
    const bool busy = mode == Mode::Requesting || mode == Mode::Saving;
    if (busy)
        m_form->setCursor(Qt::BusyCursor);
    else
        m_form->unsetCursor();

    m_editAction->setEnabled(m_controller->canEdit());
    m_editButton->setEnabled(m_editAction->isEnabled());
    m_editButton->setVisible(mode != Mode::Editing && mode != Mode::Saving);

    m_saveAction->setEnabled(m_controller->canSave());
    m_saveButton->setEnabled(m_saveAction->isEnabled());
    m_saveButton->setText(mode == Mode::Saving ? tr("Saving…") : m_saveAction->text());
    m_saveButton->setAccessibleName(mode == Mode::Saving ? tr("Saving") : tr("Save"));
    m_saveButton->setAccessibleDescription(m_saveAction->isEnabled() ? tr("Saves your changes (Ctrl+S).")
                                                                     : saveUnavailableReason());

    m_cancelAction->setEnabled(m_controller->isDirty() || mode == Mode::Editing || mode == Mode::Requesting);
    m_cancelButton->setEnabled(m_cancelAction->isEnabled());
}

void RecordEditor::updateHeader()
{
    m_header->setRecord(m_controller->record());
}

void RecordEditor::updateDirtyMarks()
{
    for (const QString &field : m_form->fieldNames())
        m_form->setDirty(field, m_controller->isFieldDirty(field));
}

QString RecordEditor::saveUnavailableReason() const
{
    using Mode = EditorController::Mode;
    const LockState *state = m_controller->lockState();
    const bool offline = state && state->status() == LockState::Status::Offline;
    const QString holder = state && state->status() == LockState::Status::HeldByOther ? state->holderName() : QString();
    return EditorMessageText::saveUnavailable(offline, m_controller->hasPendingConflicts(), holder,
                                              m_controller->mode() == Mode::Saving,
                                              m_controller->mode() == Mode::Editing);
}

} // namespace recordlock
