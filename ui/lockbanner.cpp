#include "ui/lockbanner.h"

#include <QAccessible>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include "client/lockstate.h"
#include "client/serverclock.h"
#include "editor/editorcontroller.h"
#include "ui/tone.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

constexpr int BannerStripeWidth = 5;
constexpr int BannerIconSize = 24;

} // namespace

LockBanner::LockBanner(LockState *state, EditorController *controller, const ServerClock &clock, QWidget *parent)
    : QFrame(parent)
    , m_controller(controller)
    , m_clock(clock)
    , m_icon(new QLabel(this))
    , m_sentence(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_switchHere(new QPushButton(tr("Edit &here instead"), this))
    , m_keepEditing(new QPushButton(tr("&Keep editing"), this))
    , m_takeOver(new QPushButton(tr("&Take over editing…"), this))
{
    setObjectName(u"lockBanner"_s);
    setFrameShape(QFrame::NoFrame);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    m_icon->setFixedSize(BannerIconSize, BannerIconSize);
    m_icon->setAlignment(Qt::AlignTop);
    m_sentence->setObjectName(u"lockBannerSentence"_s);
    m_sentence->setTextFormat(Qt::PlainText);
    m_sentence->setWordWrap(true);
    m_sentence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_sentence->font();
    bold.setBold(true);
    m_sentence->setFont(bold);
    m_detail->setObjectName(u"lockBannerDetail"_s);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setWordWrap(true);

    m_switchHere->setObjectName(u"switchHereButton"_s);
    m_switchHere->setToolTip(tr("Move the lock from your other window to this one"));
    m_switchHere->hide();
    m_keepEditing->setObjectName(u"keepEditingButton"_s);
    m_keepEditing->setToolTip(tr("Cancel the countdown and keep the lock"));
    m_keepEditing->hide();
    m_takeOver->setObjectName(u"takeOverButton"_s);
    m_takeOver->setToolTip(tr("End the holder's editing and edit the record yourself (administrators only)"));
    m_takeOver->hide();
    connect(m_takeOver, &QPushButton::clicked, this, &LockBanner::takeOverRequested);
    connect(m_switchHere, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->switchHere();
        emit switchHereRequested();
    });
    connect(m_keepEditing, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->keepEditing();
        emit keepEditingRequested();
    });

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_sentence);
    texts->addWidget(m_detail);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(BannerStripeWidth + 10, 8, 10, 8);
    layout->setSpacing(10);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    layout->addWidget(m_switchHere, 0, Qt::AlignVCenter);
    layout->addWidget(m_keepEditing, 0, Qt::AlignVCenter);
    layout->addWidget(m_takeOver, 0, Qt::AlignVCenter);

    // Ticks the countdowns; the words come from the server clock, so a tick only re-reads it.
    m_ticker.setInterval(500);
    connect(&m_ticker, &QTimer::timeout, this, &LockBanner::refresh);

    if (m_controller) {
        connect(m_controller, &EditorController::modeChanged, this, &LockBanner::followController);
        connect(m_controller, &EditorController::recordLoaded, this, [this] {
            m_lostReason.clear();
            followController();
        });
        connect(m_controller, &EditorController::lockLost, this, &LockBanner::onLockLost);
        connect(m_controller, &EditorController::idleReleased, this,
                [this] { onLockLost(QString(EditorController::ReasonIdle)); });
        connect(m_controller, &EditorController::dirtyChanged, this, [this](bool dirty) {
            // Once the kept changes are saved or discarded, the loss is old news.
            if (!dirty)
                m_lostReason.clear();
            refresh();
        });
        connect(m_controller, &EditorController::renewalFailingChanged, this, &LockBanner::refresh);
        connect(m_controller, &EditorController::canTakeOverChanged, this, &LockBanner::refresh);
        connect(m_controller, &EditorController::idleWarningStarted, this, &LockBanner::refresh);
        connect(m_controller, &EditorController::idleWarningCancelled, this, &LockBanner::refresh);
    }
    setLockState(state ? state : (m_controller ? m_controller->lockState() : nullptr));
}

void LockBanner::setLockState(LockState *state)
{
    if (state == m_state && m_hasContent)
        return;
    for (const QMetaObject::Connection &connection : std::as_const(m_stateConnections))
        disconnect(connection);
    m_stateConnections.clear();
    if (state != m_state)
        m_lostReason.clear();
    m_state = state;
    connectState();
    refresh();
}

QString LockBanner::text() const
{
    return m_sentence->text();
}

QString LockBanner::detailText() const
{
    return m_detail->text();
}

LockBannerText::Facts LockBanner::facts() const
{
    LockBannerText::Facts f;
    f.serverNow = m_clock.serverNowMs();
    f.lostReason = m_lostReason;
    if (m_state) {
        const LockInfo &lock = m_state->lock();
        f.status = m_state->status();
        f.holderName = lock.holderName;
        f.since = lock.since;
        f.expiresAt = lock.expiresAt;
        f.holderConnected = lock.connected;
        f.orphanDeadline = lock.orphanDeadline;
        f.lastKnownMine = lock.held && lock.sameSession;
        f.overriddenBy = m_state->lastOverride().by.displayName;
        f.overrideReason = m_state->lastOverride().reason;
    }
    if (m_controller) {
        f.renewalFailing = m_controller->renewalFailing();
        f.idleWarning = m_controller->idleWarningActive();
        f.idleRemainingMs = m_controller->idleWarningRemainingMs();
        f.hasUnsavedChanges = m_controller->isDirty();
        f.canTakeOver = m_controller->canTakeOver();
        if (m_controller->isDisplaced()) {
            // The controller remembers the override that ended this window's editing, even if
            // the record's lock has changed hands again since.
            f.overriddenBy = m_controller->displacedBy().by.displayName;
            f.overrideReason = m_controller->displacedBy().reason;
        }
    }
    return f;
}

void LockBanner::refresh()
{
    apply(LockBannerText::compose(facts()));
    if (needsTicking())
        m_ticker.start();
    else
        m_ticker.stop();
}

void LockBanner::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter painter(this);
    ToneColors::forTone(m_content.tone, palette()).paintBox(painter, rect(), BannerStripeWidth);
}

void LockBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        applyColours(); // same words, new colours: nothing to announce
    } else if (event->type() == QEvent::LanguageChange) {
        m_switchHere->setText(tr("Edit &here instead"));
        m_keepEditing->setText(tr("&Keep editing"));
        m_takeOver->setText(tr("&Take over editing…"));
        m_takeOver->setToolTip(tr("End the holder's editing and edit the record yourself (administrators only)"));
        refresh();
    }
}

void LockBanner::followController()
{
    if (!m_controller)
        return;
    LockState *state = m_controller->lockState();
    if (state && state != m_state)
        setLockState(state);
    else
        refresh();
}

void LockBanner::connectState()
{
    if (!m_state)
        return;
    m_stateConnections = {
        connect(m_state, &LockState::changed, this, &LockBanner::refresh),
        connect(m_state, &LockState::statusChanged, this, [this](LockState::Status status) {
            if (status == LockState::Status::HeldByMe || status == LockState::Status::Pending)
                m_lostReason.clear();
            refresh();
        }),
        connect(m_state, &LockState::destroyed, this, [this] { setLockState(nullptr); }),
    };
    if (!m_controller) {
        // Without a controller the state's own lockLost is the only source of the reason.
        m_stateConnections.append(connect(m_state, &LockState::lockLost, this, &LockBanner::onLockLost));
    }
}

void LockBanner::onLockLost(const QString &reason)
{
    m_lostReason = reason;
    refresh();
}

void LockBanner::apply(const LockBannerText::Content &content)
{
    const bool kindChanged = !m_hasContent || content.kind != m_content.kind;
    const bool sentenceChanged = !m_hasContent || content.sentence != m_content.sentence;
    const bool toneChanged = !m_hasContent || content.tone != m_content.tone;
    const bool detailChanged = !m_hasContent || content.detail != m_content.detail;
    const bool offersChanged = !m_hasContent || content.offerTakeOver != m_content.offerTakeOver
        || content.offerSwitchHere != m_content.offerSwitchHere
        || content.offerKeepEditing != m_content.offerKeepEditing;
    if (!sentenceChanged && !detailChanged && !toneChanged && !kindChanged && !offersChanged)
        return;
    m_content = content;
    m_hasContent = true;

    if (detailChanged) {
        m_detail->setText(content.detail);
        m_detail->setVisible(!content.detail.isEmpty());
        setAccessibleDescription(content.detail);
    }
    m_switchHere->setVisible(content.offerSwitchHere);
    m_keepEditing->setVisible(content.offerKeepEditing);
    m_takeOver->setVisible(content.offerTakeOver);
    if (kindChanged || toneChanged)
        applyColours();
    if (sentenceChanged) {
        m_sentence->setText(content.sentence);
        // QWidget sends the accessibility NameChanged event itself when the name changes.
        setAccessibleName(content.sentence);
        emit announced(QAccessible::NameChanged);
        if (kindChanged && content.important) {
            QAccessibleEvent alert(this, QAccessible::Alert);
            QAccessible::updateAccessibility(&alert);
            emit announced(QAccessible::Alert);
        }
    }
}

void LockBanner::applyColours()
{
    m_icon->setPixmap(statusIcon(m_content.icon).pixmap(QSize(BannerIconSize, BannerIconSize), devicePixelRatioF()));
    const ToneColors colors = ToneColors::forTone(m_content.tone, palette());
    QPalette textPalette = m_sentence->palette();
    textPalette.setColor(QPalette::WindowText, colors.text);
    m_sentence->setPalette(textPalette);
    m_detail->setPalette(textPalette);
    update();
}

bool LockBanner::needsTicking() const
{
    using Kind = LockBannerText::Kind;
    switch (m_content.kind) {
    case Kind::Editing:
    case Kind::RenewalFailing:
    case Kind::IdleWarning:
    case Kind::HeldByOther:
    case Kind::HolderDisconnected:
    case Kind::Lost:
        return true;
    default:
        return false;
    }
}

} // namespace recordlock
