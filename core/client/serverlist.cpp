#include "client/serverlist.h"

using namespace Qt::StringLiterals;

namespace recordlock {

ServerList::Parsed ServerList::parse(const QStringList &values)
{
    Parsed parsed;
    for (const QString &value : values) {
        const QStringList entries = value.split(u',', Qt::SkipEmptyParts);
        for (const QString &entry : entries) {
            const QString text = entry.trimmed();
            if (text.isEmpty())
                continue;
            // fromUserInput, like the sign-in dialog always did: tolerant of stray characters, and
            // "host:port" without a scheme becomes http://, which is then refused by name.
            const QUrl url = QUrl::fromUserInput(text);
            if (!isUsable(url)) {
                parsed.badEntry = text;
                return parsed;
            }
            if (!parsed.servers.contains(url))
                parsed.servers.append(url);
        }
    }
    return parsed;
}

ServerList::Parsed ServerList::parse(const QString &value)
{
    return parse(QStringList{value});
}

QString ServerList::format(const QList<QUrl> &servers)
{
    QStringList texts;
    texts.reserve(servers.size());
    for (const QUrl &url : servers)
        // Never a password: the list is logged and stored in the settings file.
        texts.append(url.toString(QUrl::RemovePassword));
    return texts.join(u", "_s);
}

bool ServerList::isUsable(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty() && (url.scheme() == "ws"_L1 || url.scheme() == "wss"_L1);
}

QString ServerList::hostAndPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == "wss"_L1 ? 443 : 80);
    const QString host = url.host(QUrl::FullyDecoded);
    // An IPv6 address needs its brackets back, or the port would read as part of it.
    const QString shownHost = host.contains(u':') ? u'[' + host + u']' : host;
    return shownHost + u':' + QString::number(port);
}

QString ServerList::hostsAndPorts(const QList<QUrl> &servers)
{
    QStringList texts;
    texts.reserve(servers.size());
    for (const QUrl &url : servers)
        texts.append(hostAndPort(url));
    return texts.join(u", "_s);
}

} // namespace recordlock
