#include "server/databaseurl.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace recordlock {

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString &text, QString *error)
{
    // Messages name the parts, never echo the text: it may hold a password.
    const auto invalid = [error](const QString &why) -> std::optional<DatabaseUrl> {
        *error = u"invalid database URL (%1); expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME"_s.arg(why);
        return std::nullopt;
    };
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid())
        return invalid(u"malformed"_s);
    if (url.scheme() != u"postgresql" && url.scheme() != u"postgres")
        return invalid(u"the scheme must be postgresql or postgres"_s);
    if (url.hasQuery() || url.hasFragment())
        return invalid(u"query parameters are not supported"_s);
    DatabaseUrl result;
    result.host = url.host();
    result.user = url.userName();
    result.password = url.password();
    result.databaseName = url.path().mid(1);
    if (result.host.isEmpty())
        return invalid(u"no host"_s);
    if (result.user.isEmpty())
        return invalid(u"no user"_s);
    if (result.databaseName.isEmpty() || result.databaseName.contains(u'/'))
        return invalid(u"the path must be one database name"_s);
    const int port = url.port(5432);
    if (port <= 0 || port > 65535)
        return invalid(u"bad port"_s);
    result.port = quint16(port);
    return result;
}

QString DatabaseUrl::redacted() const
{
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(user, QUrl::DecodedMode);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u'/' + databaseName, QUrl::DecodedMode);
    return url.toString();
}

QString DatabaseUrl::toString() const
{
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(user, QUrl::DecodedMode);
    url.setPassword(password, QUrl::DecodedMode);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u'/' + databaseName, QUrl::DecodedMode);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace recordlock
