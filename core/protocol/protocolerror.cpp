#include "protocol/protocolerror.h"

using namespace Qt::StringLiterals;

namespace recordlock {

QJsonObject ProtocolError::toJson() const
{
    QJsonObject object = details;
    object.insert(u"code"_s, errorCodeName(code));
    object.insert(u"message"_s, message);
    return object;
}

ProtocolError ProtocolError::fromJson(const QJsonObject &object)
{
    ProtocolError error;
    const QString name = object.value(u"code"_s).toString();
    error.code = errorCodeFromName(name).value_or(ErrorCode::Internal);
    error.message = object.value(u"message"_s).toString();
    error.details = object;
    error.details.remove(u"code"_s);
    error.details.remove(u"message"_s);
    if (!errorCodeFromName(name))
        error.details.insert(u"unknownCode"_s, name);
    return error;
}

} // namespace recordlock
