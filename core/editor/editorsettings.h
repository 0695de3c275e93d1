#pragma once

#include <QtGlobal>

namespace recordlock {

/// Timing of one editor window: idle release, draft debounce and the idle poll.
struct EditorSettings
{
    /// Without user activity for this long while editing, the idle warning starts (default 10 min).
    qint64 idleTimeoutMs = 10 * 60 * 1000;
    /// Length of the idle warning countdown; at its end the lock is released (default 60 s).
    qint64 idleWarningMs = 60 * 1000;
    /// A draft is written this long after the last keystroke (debounce).
    int draftDelayMs = 1500;
    /// How often the controller polls its IdleMonitor; coarse because the countdown shows seconds.
    int idlePollMs = 1000;
};

} // namespace recordlock
