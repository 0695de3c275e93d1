#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

namespace recordlock::fuzz {

/// Checks the replies of each operation against its section of docs/protocol.md ("Operations"):
/// the result's shape and its agreement with the request, and which error codes the op may give.
/// Like WireCheck, written from the document, not from the server's code.
class OpCheck
{
public:
    /// Whether op may fail with code (its own codes plus those every op can give).
    static bool errorAllowed(QStringView op, QStringView code);
    /// The result of a successful reply to a request (op plus arguments); empty when it conforms.
    static QString result(QStringView op, const QJsonObject &args, const QJsonValue &result);

private:
    static QString recordList(const QJsonObject &args, const QJsonObject &result);
    static QString historyEntries(const QJsonObject &args, const QJsonObject &result);
};

} // namespace recordlock::fuzz
