#pragma once

#include <QColor>

class QPainter;
class QPalette;
class QRect;

namespace recordlock {

/// How urgent a status message is; picks its accent colour (always shown with an icon and text too).
enum class Tone {
    Neutral, ///< nothing to do (e.g. offline, unknown)
    Info,    ///< free to edit, or a hint
    Success, ///< you hold the lock
    Busy,    ///< someone else holds the lock
    Warning, ///< act soon (renewal failing, idle countdown)
    Danger,  ///< something was lost (lock lost, save failed)
};

/// Colours for a tone, derived from a palette so they stay readable in light and dark themes.
struct ToneColors
{
    /// Stripe and border colour.
    QColor accent;
    /// A tint of the window colour towards the accent.
    QColor background;
    /// Text colour with a contrast ratio of at least 4.5 against background.
    QColor text;

    /// Paints the tinted box with the accent stripe on the left, as banners and message bars look.
    void paintBox(QPainter &painter, const QRect &rect, int stripeWidth) const;

    /// The colours for tone on palette.
    static ToneColors forTone(Tone tone, const QPalette &palette);
    /// True when the palette's window colour is dark (a dark theme).
    static bool isDark(const QPalette &palette);
    /// WCAG 2 contrast ratio between two colours (1..21).
    static double contrastRatio(const QColor &a, const QColor &b);
};

} // namespace recordlock
