#include "ui/overridedialog.h"

#include <algorithm>

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTextCursor>
#include <QVBoxLayout>

#include "client/lockstate.h"
#include "client/serverclock.h"
#include "editor/editorcontroller.h"
#include "ui/editormessagetext.h"
#include "ui/messagebar.h"
#include "ui/timetext.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

int nonBlankLength(const QString &text)
{
    return int(std::count_if(text.cbegin(), text.cend(), [](QChar c) { return !c.isSpace(); }));
}

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

OverrideDialog::OverrideDialog(EditorController *controller, const ServerClock &clock, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_state(controller->lockState())
    , m_clock(clock)
    , m_headline(new QLabel(this))
    , m_holderLabel(new QLabel(this))
    , m_holder(valueLabel(this))
    , m_sinceLabel(new QLabel(this))
    , m_since(valueLabel(this))
    , m_connectionLabel(new QLabel(this))
    , m_connection(valueLabel(this))
    , m_expiresLabel(new QLabel(this))
    , m_expires(valueLabel(this))
    , m_explanation(new QLabel(this))
    , m_reasonLabel(new QLabel(this))
    , m_reason(new QPlainTextEdit(this))
    , m_counter(new QLabel(this))
    , m_messages(new MessageBar(this))
{
    setObjectName(u"overrideDialog"_s);
    m_headline->setObjectName(u"overrideHeadline"_s);
    m_headline->setTextFormat(Qt::PlainText);
    m_headline->setWordWrap(true);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_holder->setObjectName(u"overrideHolder"_s);
    m_since->setObjectName(u"overrideSince"_s);
    m_connection->setObjectName(u"overrideConnection"_s);
    m_expires->setObjectName(u"overrideExpires"_s);
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    m_reason->setObjectName(u"overrideReason"_s);
    m_reason->setTabChangesFocus(true);
    m_reason->setMaximumHeight(m_reason->fontMetrics().lineSpacing() * 5);
    m_reasonLabel->setBuddy(m_reason);
    m_reasonLabel->setWordWrap(true);
    m_counter->setObjectName(u"overrideCounter"_s);
    m_counter->setAlignment(Qt::AlignRight);
    m_messages->setObjectName(u"overrideMessages"_s);

    auto *facts = new QFormLayout;
    facts->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    facts->addRow(m_holderLabel, m_holder);
    facts->addRow(m_sinceLabel, m_since);
    facts->addRow(m_connectionLabel, m_connection);
    facts->addRow(m_expiresLabel, m_expires);

    auto *buttons = new QDialogButtonBox(this);
    m_takeOver = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_takeOver->setObjectName(u"takeOverConfirmButton"_s);
    m_takeOver->setAutoDefault(false);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(u"overrideCancelButton"_s);
    // Cancel is the default: Enter must never take a lock from someone by accident.
    m_cancel->setDefault(true);
    connect(m_takeOver, &QPushButton::clicked, this, &OverrideDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addLayout(facts);
    layout->addWidget(m_explanation);
    layout->addSpacing(4);
    layout->addWidget(m_reasonLabel);
    layout->addWidget(m_reason);
    layout->addWidget(m_counter);
    layout->addWidget(m_messages);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_reason, &QPlainTextEdit::textChanged, this, [this] {
        limitReason();
        updateButtons();
    });
    if (m_state)
        connect(m_state, &LockState::changed, this, &OverrideDialog::refresh);
    connect(controller, &EditorController::canTakeOverChanged, this, &OverrideDialog::refresh);
    connect(controller, &EditorController::takenOver, this, &OverrideDialog::onTakenOver);
    connect(controller, &EditorController::takeOverFailed, this, &OverrideDialog::onFailed);
    // "Since … ago" and the orphan countdown move on while the dialog is open.
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &OverrideDialog::refresh);
    m_ticker.start();

    retranslate();
    resize(560, 440);
    m_reason->setFocus();
    m_shownHolderHandle = currentHolderHandle();
}

QString OverrideDialog::currentHolderHandle() const
{
    const LockInfo lock = m_state ? m_state->lock() : LockInfo{};
    return lock.held ? lock.holderHandle : QString();
}

QString OverrideDialog::reason() const
{
    return m_reason->toPlainText().simplified();
}

void OverrideDialog::setReason(const QString &text)
{
    m_reason->setPlainText(text);
    m_reason->moveCursor(QTextCursor::End);
}

bool OverrideDialog::isValidReason(const QString &text)
{
    return nonBlankLength(text) >= MinReasonLength && text.simplified().size() <= MaxReasonLength;
}

void OverrideDialog::submit()
{
    if (!m_takeOver->isEnabled() || !m_controller || !m_state)
        return;
    // The reason was written about the holder shown when the dialog opened. If someone else holds
    // the lock now, say so and let the admin confirm with the new holder in view; the server
    // refuses too (lock_changed) if it changes between this click and the request.
    const QString current = currentHolderHandle();
    if (current != m_shownHolderHandle) {
        m_shownHolderHandle = current;
        const LockInfo lock = m_state->lock();
        m_messages->showMessage(Tone::Warning, StatusIcon::Warning,
                                EditorMessageText::takeOverFailed(ProtocolError{ErrorCode::LockChanged, {}, {}},
                                                                  lock.held ? lock.holderName : QString()));
        return;
    }
    const QString expectHolder = m_shownHolderHandle;
    m_busy = true;
    m_messages->showMessage(Tone::Info, StatusIcon::Pending, tr("Taking over…"));
    m_reason->setReadOnly(true);
    updateButtons();
    m_controller->takeOver(reason(), expectHolder);
}

QString OverrideDialog::headline() const
{
    return m_headline->text();
}

QString OverrideDialog::message() const
{
    return m_busy ? QString() : m_messages->text();
}

void OverrideDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void OverrideDialog::retranslate()
{
    const QString recordId = m_controller ? m_controller->recordId() : QString();
    setWindowTitle(tr("Take over editing — %1").arg(recordId));
    m_holderLabel->setText(tr("Holder:"));
    m_sinceLabel->setText(tr("Editing since:"));
    m_connectionLabel->setText(tr("Connection:"));
    m_expiresLabel->setText(tr("Lock expires:"));
    m_takeOver->setText(tr("&Take over"));
    m_takeOver->setToolTip(tr("Take the lock from its holder and start editing"));
    m_cancel->setText(tr("Cancel"));
    m_reason->setAccessibleName(tr("Reason for taking over"));
    refresh();
}

void OverrideDialog::refresh()
{
    const LockInfo lock = m_state ? m_state->lock() : LockInfo{};
    const auto status = m_state ? m_state->status() : LockState::Status::Unknown;
    const qint64 now = m_clock.serverNowMs();
    const bool heldByOther = lock.held && !lock.sameSession && !lock.sameUser;
    const QString holder = heldByOther ? lock.holderName : QString();
    const QString recordId = m_controller ? m_controller->recordId() : QString();

    if (status == LockState::Status::Offline)
        m_headline->setText(tr("Offline: who holds the lock of %1 is not known right now.").arg(recordId));
    else if (heldByOther)
        m_headline->setText(tr("%1 is editing %2.").arg(holder, recordId));
    else if (lock.held)
        m_headline->setText(tr("You hold the lock of %1 yourself.").arg(recordId));
    else
        m_headline->setText(tr("Nobody is editing %1 now: close this dialog and click Edit.").arg(recordId));

    m_holder->setText(lock.held ? lock.holderName : tr("Nobody"));
    m_since->setText(lock.held ? tr("%1 (%2 ago)").arg(TimeText::clock(lock.since), TimeText::duration(now - lock.since))
                               : QString());
    if (!lock.held) {
        m_connection->clear();
    } else if (lock.connected) {
        m_connection->setText(tr("Connected"));
    } else {
        const qint64 freedAt = lock.orphanDeadline > 0 ? std::min(lock.orphanDeadline, lock.expiresAt) : lock.expiresAt;
        m_connection->setText(tr("Disconnected: the lock is freed at %1 (in %2) unless %3 reconnects.")
                                  .arg(TimeText::clock(freedAt), TimeText::duration(freedAt - now), lock.holderName));
    }
    m_expires->setText(lock.held ? tr("%1 (in %2) unless renewed")
                                       .arg(TimeText::clock(lock.expiresAt), TimeText::duration(lock.expiresAt - now))
                                 : QString());
    for (QLabel *label : {m_sinceLabel, m_since, m_connectionLabel, m_connection, m_expiresLabel, m_expires})
        label->setVisible(lock.held);

    if (heldByOther) {
        m_explanation->setText(tr("Taking over ends %1's editing at once: their window becomes read-only and keeps "
                                  "their unsaved changes as a draft. They see your name and the reason, and the "
                                  "take-over is kept in the record's lock history.")
                                   .arg(holder));
        m_reasonLabel->setText(tr("&Reason (shown to %1 and kept in the lock history):").arg(holder));
    } else {
        m_explanation->setText(tr("Taking over ends the holder's editing at once and is kept in the record's lock "
                                  "history."));
        m_reasonLabel->setText(tr("&Reason (shown to the holder and kept in the lock history):"));
    }
    setAccessibleDescription(m_headline->text());
    updateButtons();
}

void OverrideDialog::limitReason()
{
    const QString text = m_reason->toPlainText();
    if (text.size() <= MaxReasonLength)
        return;
    // A paste may bring more than the server takes: keep the first 500 characters.
    const int position = std::min(m_reason->textCursor().position(), MaxReasonLength);
    {
        const QSignalBlocker blocker(m_reason);
        m_reason->setPlainText(text.left(MaxReasonLength));
    }
    QTextCursor cursor = m_reason->textCursor();
    cursor.setPosition(position);
    m_reason->setTextCursor(cursor);
}

void OverrideDialog::updateButtons()
{
    const QString text = m_reason->toPlainText();
    const bool valid = isValidReason(text);
    const bool possible = m_controller && m_controller->canTakeOver();
    m_takeOver->setEnabled(!m_busy && valid && possible);
    m_counter->setText(tr("%1 / %2 characters · at least %3").arg(text.size()).arg(MaxReasonLength).arg(MinReasonLength));
    m_reason->setAccessibleDescription(m_counter->text());
}

void OverrideDialog::onTakenOver()
{
    if (!m_busy)
        return;
    m_busy = false;
    accept();
}

void OverrideDialog::onFailed(const ProtocolError &error)
{
    if (!m_busy)
        return;
    m_busy = false;
    m_reason->setReadOnly(false);
    const LockInfo lock = m_state ? m_state->lock() : LockInfo{};
    const QString newHolder = lock.held ? lock.holderName : QString();
    // What the admin sees now is what a confirmation will be about.
    m_shownHolderHandle = currentHolderHandle();
    const Tone tone = error.code == ErrorCode::LockChanged ? Tone::Warning : Tone::Danger;
    m_messages->showMessage(tone, tone == Tone::Warning ? StatusIcon::Warning : StatusIcon::Error,
                            EditorMessageText::takeOverFailed(error, newHolder));
    refresh();
}

} // namespace recordlock
