#include "server/messagetransport.h"

namespace recordlock {

MessageTransport::MessageTransport(QObject *parent)
    : QObject(parent)
{
}

MessageTransport::~MessageTransport() = default;

} // namespace recordlock
