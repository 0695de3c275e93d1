#include "ui/tone.h"

#include <algorithm>
#include <cmath>

#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace recordlock {

namespace {

QColor accentFor(Tone tone, bool dark)
{
    // Light variants on dark themes: the saturated ones are too dim on a dark window.
    switch (tone) {
    case Tone::Neutral: return dark ? QColor(0xBD, 0xBD, 0xBD) : QColor(0x61, 0x61, 0x61);
    case Tone::Info: return dark ? QColor(0x64, 0xB5, 0xF6) : QColor(0x15, 0x65, 0xC0);
    case Tone::Success: return dark ? QColor(0x81, 0xC7, 0x84) : QColor(0x2E, 0x7D, 0x32);
    case Tone::Busy: return dark ? QColor(0xE5, 0x73, 0x73) : QColor(0xC6, 0x28, 0x28);
    case Tone::Warning: return dark ? QColor(0xFF, 0xB7, 0x4D) : QColor(0xE6, 0x51, 0x00);
    case Tone::Danger: return dark ? QColor(0xF0, 0x62, 0x92) : QColor(0xAD, 0x14, 0x57);
    }
    return QColor(0x61, 0x61, 0x61);
}

QColor mix(const QColor &a, const QColor &b, double amountOfB)
{
    const auto channel = [amountOfB](int x, int y) { return int(std::lround(x + (y - x) * amountOfB)); };
    return QColor(channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue()));
}

double relativeLuminance(const QColor &c)
{
    const auto linear = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

} // namespace

ToneColors ToneColors::forTone(Tone tone, const QPalette &palette)
{
    const bool dark = isDark(palette);
    ToneColors colors;
    colors.accent = accentFor(tone, dark);
    const QColor window = palette.color(QPalette::Window);
    colors.background = mix(window, colors.accent, dark ? 0.22 : 0.13);
    colors.text = palette.color(QPalette::WindowText);
    if (contrastRatio(colors.text, colors.background) < 4.5) {
        // A theme with low-contrast text: fall back to whichever of black and white reads better.
        const QColor black(Qt::black);
        const QColor white(Qt::white);
        colors.text = contrastRatio(black, colors.background) >= contrastRatio(white, colors.background) ? black : white;
    }
    return colors;
}

void ToneColors::paintBox(QPainter &painter, const QRect &rect, int stripeWidth) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5);
    QPainterPath shape;
    shape.addRoundedRect(box, 4, 4);
    painter.fillPath(shape, background);
    painter.setClipPath(shape);
    painter.fillRect(QRectF(box.left(), box.top(), stripeWidth, box.height()), accent);
    painter.setClipping(false);
    QColor border = accent;
    border.setAlphaF(0.45f);
    painter.setPen(QPen(border, 1));
    painter.drawPath(shape);
    painter.restore();
}

bool ToneColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

double ToneColors::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace recordlock
