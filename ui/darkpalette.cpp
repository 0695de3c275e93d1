#include "ui/darkpalette.h"

namespace recordlock {

QPalette darkPalette()
{
    const QColor window(0x2B, 0x2B, 0x2E);
    const QColor base(0x1E, 0x1E, 0x21);
    const QColor text(0xEC, 0xEC, 0xEC);
    const QColor disabledText(0x86, 0x86, 0x8A);
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x2A));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3A, 0x3A, 0x3E));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0xA8, 0xA8, 0xAD));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x36, 0x36, 0x3A));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xFF, 0x8A, 0x80));
    palette.setColor(QPalette::Light, QColor(0x48, 0x48, 0x4D));
    palette.setColor(QPalette::Midlight, QColor(0x3C, 0x3C, 0x41));
    palette.setColor(QPalette::Mid, QColor(0x25, 0x25, 0x28));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x1A));
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x3D, 0x7E, 0xDB));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x8A, 0xB4, 0xF8));
    palette.setColor(QPalette::LinkVisited, QColor(0xC5, 0x8A, 0xF9));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Text, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Base, window);
    return palette;
}

} // namespace recordlock
