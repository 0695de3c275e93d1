#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace recordlock {

/// The lock servers a client may use, in order of preference: parsing and formatting of the
/// comma-separated form used by --server, the sign-in dialog and the remembered setting.
///
/// All servers of one list are instances of one installation (they share users and the token
/// signing secret), so a session token from one is accepted by the others.
class ServerList
{
public:
    /// The outcome of parse().
    struct Parsed
    {
        /// The usable servers in the order given, without duplicates.
        QList<QUrl> servers;
        /// The first entry (as written) that is not a ws:// or wss:// URL with a host; empty when none.
        QString badEntry;

        /// True when there is at least one server and no bad entry.
        bool ok() const { return badEntry.isEmpty() && !servers.isEmpty(); }
    };

    /// Parses values that each hold one URL or a comma-separated list; blanks around entries and
    /// empty entries are ignored.
    static Parsed parse(const QStringList &values);
    /// parse() of a single value.
    static Parsed parse(const QString &value);
    /// The servers as one comma-separated value that parse() reads back.
    static QString format(const QList<QUrl> &servers);
    /// True for a ws:// or wss:// URL with a host.
    static bool isUsable(const QUrl &url);
    /// "host:port" for the user (the scheme's default port when none is given).
    static QString hostAndPort(const QUrl &url);
    /// hostAndPort() of every server, comma-separated.
    static QString hostsAndPorts(const QList<QUrl> &servers);
};

} // namespace recordlock
