#pragma once

#include <QByteArrayView>
#include <QString>

namespace recordlock::fuzz {

/// Reports a broken invariant and aborts, so libFuzzer records the input as a crash artifact.
[[noreturn]] void fail(const QString &what, QByteArrayView context = {});

/// fail() unless ok; context (a message, a request) is printed with the failure.
void require(bool ok, const QString &what, QByteArrayView context = {});

} // namespace recordlock::fuzz
