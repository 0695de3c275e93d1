#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include "server/serverconfig.h"

namespace recordlock {

/// recordlockd's command line and RECORDLOCKD_* environment, turned into a ServerConfig.
/// Flags win over the environment; invalid values yield a message for stderr (exit code 2).
class DaemonOptions
{
public:
    /// What parse() found.
    enum class Outcome { Run, ShowHelp, ShowVersion, Invalid };

    /// Parses arguments (argv[0] first) and the environment.
    Outcome parse(const QStringList &arguments, const QProcessEnvironment &environment);

    /// The server configuration (valid after Outcome::Run).
    const ServerConfig &config() const { return m_config; }
    /// Where to write the bound port, empty for nowhere.
    const QString &portFile() const { return m_portFile; }
    /// Why parsing failed (Outcome::Invalid).
    const QString &error() const { return m_error; }
    /// The --help text.
    const QString &helpText() const { return m_helpText; }
    /// The main thread's event dispatcher, "epoll" or "qt" (--event-dispatcher).
    const QString &eventDispatcher() const { return m_eventDispatcher; }
    /// The same choice read from raw arguments and the environment before QCoreApplication exists
    /// (a dispatcher must be installed before it): "qt" if asked for, else "epoll"; parse() rejects typos.
    static QString eventDispatcherFromArguments(const QStringList &arguments, const QProcessEnvironment &environment);
    /// How log lines are written to stderr, "text" or "json" (--log-format).
    const QString &logFormat() const { return m_logFormat; }

    /// Parses "ADDR:PORT" or "[IPv6]:PORT"; false if malformed.
    static bool parseListen(const QString &text, QHostAddress *address, quint16 *port);
    /// Parses seconds (fractions allowed) into milliseconds; false if not a number in range.
    static bool parseSeconds(const QString &text, bool allowZero, qint64 *milliseconds);
    /// Parses a whole number in [min, max]; false if malformed or out of range.
    static bool parseInteger(const QString &text, qint64 min, qint64 max, qint64 *value);
    /// Checks a --db URL (empty: SQLite in the data directory) and adds the password from
    /// RECORDLOCKD_DB_PASSWORD if the URL has none; false and *error (without the password) if malformed.
    static bool parseDatabaseUrl(const QString &text, const QProcessEnvironment &environment, QString *url,
                                 QString *error);
    /// The default data directory (per-user application data of "recordlockd").
    static QString defaultDataDir();

private:
    bool fail(const QString &message);

    ServerConfig m_config;
    QString m_portFile;
    QString m_error;
    QString m_helpText;
    QString m_eventDispatcher = QStringLiteral("epoll");
    QString m_logFormat = QStringLiteral("text");
};

} // namespace recordlock
