#include "fuzzfailure.h"

#include <cstdio>
#include <cstdlib>

namespace recordlock::fuzz {

void fail(const QString &what, QByteArrayView context)
{
    // stderr, unbuffered, before abort(): libFuzzer prints it next to the artifact's name.
    std::fprintf(stderr, "\n==== recordlock fuzz invariant broken: %s\n", what.toUtf8().constData());
    if (!context.isEmpty()) {
        constexpr qsizetype MaxShown = 2'000;
        const QByteArrayView shown = context.first(qMin(context.size(), MaxShown));
        std::fprintf(stderr, "==== context (%lld bytes): %.*s\n", static_cast<long long>(context.size()),
                     static_cast<int>(shown.size()), shown.data());
    }
    std::fflush(stderr);
    std::abort();
}

void require(bool ok, const QString &what, QByteArrayView context)
{
    if (!ok)
        fail(what, context);
}

} // namespace recordlock::fuzz
