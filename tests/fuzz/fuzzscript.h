#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace recordlock::fuzz {

/// One step of a dispatcher fuzz input.
struct FuzzStep
{
    enum class Kind {
        Send,       ///< send `payload` as a text message, `repeat` times, on connection `peer`
        SendBinary, ///< send `payload` as a binary message on connection `peer`
        Drop,       ///< connection `peer` vanishes (network failure): its session enters the orphan grace
        Advance,    ///< the server clock moves forward by `advanceMs`
    };
    Kind kind = Kind::Send;
    int peer = 0;
    int repeat = 1;
    qint64 advanceMs = 0;
    QByteArray payload;
};

/// Splits a fuzz input into steps, one per line, so that sequences (login, acquire, save, ...)
/// over several connections can be explored. A line is a JSON request, optionally prefixed:
///   `@N ` sends on connection N (0-3; default 0), `*K ` repeats the message K times (1-300),
///   `@N!` drops connection N, `@N%` sends the rest of the line as a binary message,
///   `+MS` advances the clock by MS milliseconds (at most one hour per line).
/// Every input parses; unknown prefixes are simply part of the message.
class FuzzScript
{
public:
    /// Connections a script can address.
    static constexpr int MaxPeers = 4;
    /// Most messages one input may send (keeps every run short).
    static constexpr int MaxMessages = 600;
    /// Most steps one input may have.
    static constexpr int MaxSteps = 128;
    /// Largest repeat count of one line.
    static constexpr int MaxRepeat = 300;
    /// Largest clock advance of one line.
    static constexpr qint64 MaxAdvanceMs = 3'600'000;

    /// Parses data; never fails.
    static QList<FuzzStep> parse(QByteArrayView data);
};

} // namespace recordlock::fuzz
