#include "ui/messagebar.h"

#include <QAccessible>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

constexpr int BarStripeWidth = 4;
constexpr int BarIconSize = 16;

} // namespace

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_buttons(new QHBoxLayout)
{
    setObjectName(u"messageBar"_s);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_icon->setFixedSize(BarIconSize, BarIconSize);
    m_text->setObjectName(u"messageText"_s);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(BarStripeWidth + 8, 5, 6, 5);
    layout->setSpacing(8);
    layout->addWidget(m_icon, 0, Qt::AlignVCenter);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_buttons);
    m_hideTimer.setSingleShot(true);
    connect(&m_hideTimer, &QTimer::timeout, this, &MessageBar::clearMessage);
    hide();
}

void MessageBar::showMessage(Tone tone, StatusIcon icon, const QString &text, const QList<Action> &actions,
                             int timeoutMs)
{
    m_tone = tone;
    m_messageId = actions.isEmpty() ? QString() : actions.first().id;
    removeButtons();
    for (const Action &action : actions) {
        auto *button = new QPushButton(action.text, this);
        button->setObjectName(action.id);
        connect(button, &QPushButton::clicked, this, [this, id = action.id] { emit actionTriggered(id); });
        m_buttons->addWidget(button);
        m_actionButtons.append(button);
    }
    m_icon->setPixmap(statusIcon(icon).pixmap(QSize(BarIconSize, BarIconSize), devicePixelRatioF()));
    applyTextColour();
    m_text->setText(text);
    setAccessibleName(text);
    show();
    update();
    if (timeoutMs > 0)
        m_hideTimer.start(timeoutMs);
    else
        m_hideTimer.stop();
    if (tone == Tone::Danger || tone == Tone::Warning) {
        QAccessibleEvent alert(this, QAccessible::Alert);
        QAccessible::updateAccessibility(&alert);
    }
}

void MessageBar::clearMessage()
{
    m_hideTimer.stop();
    removeButtons();
    m_text->clear();
    m_messageId.clear();
    setAccessibleName(QString());
    hide();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

QPushButton *MessageBar::actionButton(const QString &id) const
{
    for (QPushButton *button : m_actionButtons) {
        if (button->objectName() == id)
            return button;
    }
    return nullptr;
}

void MessageBar::removeButtons()
{
    // Later, not now: the button being clicked may be the one whose handler replaced the message.
    for (QPushButton *button : std::as_const(m_actionButtons)) {
        button->hide();
        m_buttons->removeWidget(button);
        button->deleteLater();
    }
    m_actionButtons.clear();
}

void MessageBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTextColour();
}

void MessageBar::applyTextColour()
{
    QPalette textPalette = m_text->palette();
    textPalette.setColor(QPalette::WindowText, ToneColors::forTone(m_tone, palette()).text);
    m_text->setPalette(textPalette);
}

void MessageBar::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter painter(this);
    ToneColors::forTone(m_tone, palette()).paintBox(painter, rect(), BarStripeWidth);
}

} // namespace recordlock
