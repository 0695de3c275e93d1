#pragma once

#include <QCommandLineOption>
#include <QString>

class QCommandLineParser;
class QProcessEnvironment;

namespace recordlock {

struct ServerConfig;

/// --store, --redis-url and --redis-prefix (and RECORDLOCKD_STORE, _REDIS_URL, _REDIS_PREFIX) with
/// one set of defaults and checks for the server and for `recordlockd user`.
class LockStoreFlags
{
public:
    /// storeHelp describes --store for the command at hand.
    explicit LockStoreFlags(const QString &storeHelp);

    /// Adds the three options to parser.
    void addTo(QCommandLineParser &parser) const;
    /// Reads them into config's lockStore, redisUrl and redisPrefix; a one-line problem, empty if none.
    QString read(const QCommandLineParser &parser, const QProcessEnvironment &environment,
                 ServerConfig *config) const;

private:
    QCommandLineOption m_store;
    QCommandLineOption m_url;
    QCommandLineOption m_prefix;
};

} // namespace recordlock
