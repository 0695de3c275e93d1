#pragma once

#include <QByteArrayView>
#include <QJsonObject>

namespace recordlock::fuzz {

/// The fuzz_codec invariants: core/protocol's decoders (Codec, ArgReader, ArgRules and the
/// client's server-message parsing) against the rules of docs/protocol.md. Any breach aborts
/// through fail().
class CodecCheck
{
public:
    /// Runs every check on one input.
    static void run(QByteArrayView data);

private:
    static void checkRequestDecoding(QByteArrayView data);
    static void checkArguments(const QJsonObject &args);
    static void checkServerMessageDecoding(QByteArrayView data);
};

} // namespace recordlock::fuzz
