#include "ui/statusicons.h"

#include <QString>

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

QString fileFor(StatusIcon which)
{
    switch (which) {
    case StatusIcon::HeldByOther: return u"lock-held-other"_s;
    case StatusIcon::HolderDisconnected: return u"lock-holder-disconnected"_s;
    case StatusIcon::HeldByMe: return u"lock-held-mine"_s;
    case StatusIcon::HeldElsewhere: return u"lock-held-elsewhere"_s;
    case StatusIcon::Free: return u"lock-free"_s;
    case StatusIcon::Pending: return u"lock-pending"_s;
    case StatusIcon::Offline: return u"offline"_s;
    case StatusIcon::Warning: return u"warning"_s;
    case StatusIcon::Lost: return u"lock-lost"_s;
    case StatusIcon::Idle: return u"idle"_s;
    case StatusIcon::Connected: return u"connected"_s;
    case StatusIcon::Reconnecting: return u"reconnecting"_s;
    case StatusIcon::Error: return u"error"_s;
    }
    return u"warning"_s;
}

} // namespace

QIcon statusIcon(StatusIcon which)
{
    // QIcon caches the rendered pixmaps per size, so building one per call stays cheap.
    return QIcon(u":/icons/%1.svg"_s.arg(fileFor(which)));
}

} // namespace recordlock
