#pragma once

#include <QIcon>

namespace recordlock {

/// The pictures that go with every lock and connection state, so colour is never the only signal.
enum class StatusIcon {
    HeldByOther,
    HolderDisconnected,
    HeldByMe,
    HeldElsewhere,
    Free,
    Pending,
    Offline,
    Warning,
    Lost,
    Idle,
    Connected,
    Reconnecting,
    Error,
};

/// The SVG icon for a state, from the embedded resources (:/icons).
QIcon statusIcon(StatusIcon which);

} // namespace recordlock
