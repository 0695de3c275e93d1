#include "ui/timetext.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace recordlock {

QString TimeText::clock(qint64 serverTimeMs)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(serverTimeMs).toLocalTime();
    return QLocale().toString(local.time(), u"HH:mm"_s);
}

QString TimeText::duration(qint64 ms)
{
    // Rounded up: a countdown that shows "0 s" while time is left would look finished too early.
    const qint64 totalSeconds = ms <= 0 ? 0 : (ms + 999) / 1000;
    const qint64 hours = totalSeconds / 3600;
    const qint64 minutes = (totalSeconds % 3600) / 60;
    const qint64 seconds = totalSeconds % 60;
    const auto twoDigits = [](qint64 v) { return u"%1"_s.arg(v, 2, 10, QLatin1Char('0')); };
    if (hours > 0)
        return tr("%1 h %2 min").arg(hours).arg(twoDigits(minutes));
    // Up to 90 s in seconds: "60 s" reads faster than "1 min 00 s" in a countdown.
    if (totalSeconds > 90)
        return tr("%1 min %2 s").arg(minutes).arg(twoDigits(seconds));
    return tr("%1 s").arg(totalSeconds);
}

} // namespace recordlock
