// libFuzzer target: arbitrary bytes into core/protocol's decoders (requests, their arguments,
// and the server messages a client parses). The invariants are in codeccheck.cpp.

#include <cstddef>
#include <cstdint>

#include <QByteArrayView>

#include "codeccheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    recordlock::fuzz::CodecCheck::run(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
