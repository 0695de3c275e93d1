#include "daemonoptions.h"

#include <cmath>
#include <type_traits>

#include <QCommandLineParser>
#include <QStandardPaths>

#include "lockstoreflags.h"
#include "optionsetting.h"
#include "server/databaseurl.h"
#include "server/passwordhasher.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Longest duration accepted, in seconds (about 31 years); keeps milliseconds far from overflow.
constexpr double MaxSeconds = 1e9;
/// Largest rate or connection limit accepted; larger values are as good as 0 (unlimited).
constexpr qint64 MaxLimit = 1'000'000;
/// Most generated demo records: a million seed in well under a minute.
constexpr qint64 MaxDemoRecords = 1'000'000;

} // namespace

DaemonOptions::Outcome DaemonOptions::parse(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"recordlockd: the RecordLock lock server (HTTP and WebSocket on one port).\n"
        "Every option can also be set by an environment variable; flags win."_s);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption listen(u"listen"_s,
                                    u"Address and port to listen on, e.g. 127.0.0.1:8765 or [::1]:8765; port 0 "
                                    "picks a free port [RECORDLOCKD_LISTEN, default 127.0.0.1:8765]."_s,
                                    u"ADDR:PORT"_s);
    const QCommandLineOption portFile(u"port-file"_s,
                                      u"Write the bound port and a newline to this file once listening "
                                      "[RECORDLOCKD_PORT_FILE]."_s,
                                      u"PATH"_s);
    const QCommandLineOption dataDir(u"data-dir"_s,
                                     u"Directory of the database and the server secret [RECORDLOCKD_DATA_DIR, "
                                     "default %1]."_s.arg(defaultDataDir()),
                                     u"DIR"_s);
    const QCommandLineOption database(u"db"_s,
                                      u"PostgreSQL database for records, users and audit, "
                                      "postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME; the password may also come "
                                      "from RECORDLOCKD_DB_PASSWORD [RECORDLOCKD_DB, default: the SQLite file "
                                      "recordlock.db in the data directory]."_s,
                                      u"URL"_s);
    const QCommandLineOption lockTtl(u"lock-ttl"_s,
                                     u"Lock lifetime without renewal, seconds, fractions allowed "
                                     "[RECORDLOCKD_LOCK_TTL, default 120]."_s,
                                     u"SECONDS"_s);
    const QCommandLineOption orphanGrace(u"orphan-grace"_s,
                                         u"How long locks of a dropped connection wait for it, seconds "
                                         "[RECORDLOCKD_ORPHAN_GRACE, default 30]."_s,
                                         u"SECONDS"_s);
    const QCommandLineOption tokenTtl(u"token-ttl"_s,
                                      u"Session token lifetime, seconds [RECORDLOCKD_TOKEN_TTL, default 43200]."_s,
                                      u"SECONDS"_s);
    const QCommandLineOption demo(u"demo"_s,
                                  u"Seed demo users (alice, bob, carol; password = name) and records into an empty "
                                  "database [RECORDLOCKD_DEMO=1]."_s);
    const QCommandLineOption rateBurst(u"rate-burst"_s,
                                       u"Requests a signed-in session may send at once; 0 = unlimited "
                                       "[RECORDLOCKD_RATE_BURST, default 200]."_s,
                                       u"N"_s);
    const QCommandLineOption ratePerSecond(u"rate-per-second"_s,
                                           u"Requests per second a session regains; 0 = unlimited "
                                           "[RECORDLOCKD_RATE_PER_SECOND, default 100]."_s,
                                           u"N"_s);
    const QCommandLineOption maxPerUser(u"max-connections-per-user"_s,
                                        u"Signed-in connections per user; 0 = unlimited "
                                        "[RECORDLOCKD_MAX_CONNECTIONS_PER_USER, default 32]."_s,
                                        u"N"_s);
    const QCommandLineOption hashPasses(u"password-hash-passes"_s,
                                        u"Argon2id passes of new password hashes; a login with an older hash "
                                        "stores a new one [RECORDLOCKD_PASSWORD_HASH_PASSES, default 2]."_s,
                                        u"N"_s);
    const QCommandLineOption hashMemory(u"password-hash-memory"_s,
                                        u"Argon2id memory of new password hashes, KiB "
                                        "[RECORDLOCKD_PASSWORD_HASH_MEMORY, default 65536]."_s,
                                        u"KIB"_s);
    const QCommandLineOption tlsCert(u"tls-cert"_s,
                                     u"Serve TLS only (wss://, https://) with this PEM certificate chain, leaf "
                                     "first; needs --tls-key [RECORDLOCKD_TLS_CERT]."_s,
                                     u"FILE"_s);
    const QCommandLineOption tlsKey(u"tls-key"_s,
                                    u"The unencrypted PEM private key of --tls-cert [RECORDLOCKD_TLS_KEY]."_s,
                                    u"FILE"_s);
    const QCommandLineOption maxPerAddress(u"max-connections-per-address"_s,
                                           u"Open connections per client IP address; raise it behind a reverse "
                                           "proxy; 0 = unlimited [RECORDLOCKD_MAX_CONNECTIONS_PER_ADDRESS, "
                                           "default 256]."_s,
                                           u"N"_s);
    const QCommandLineOption upgradeTimeout(u"upgrade-timeout-ms"_s,
                                            u"Milliseconds a connection has to complete its WebSocket upgrade "
                                            "(TLS included); also the lifetime of a plain HTTP connection "
                                            "[RECORDLOCKD_UPGRADE_TIMEOUT_MS, default 10000]."_s,
                                            u"MS"_s);
    parser.addOptions({listen, portFile, dataDir, lockTtl, orphanGrace, tokenTtl, demo});
    parser.addOptions({tlsCert, tlsKey, maxPerAddress, upgradeTimeout});
    parser.addOptions({rateBurst, ratePerSecond, maxPerUser, hashPasses, hashMemory});
    const QCommandLineOption eventDispatcher(u"event-dispatcher"_s,
                                             u"Event loop of the server: epoll (cost follows active sessions, "
                                             "not connected ones) or qt (Qt's default) "
                                             "[RECORDLOCKD_EVENT_DISPATCHER, default epoll]."_s,
                                             u"epoll|qt"_s);
    parser.addOption(eventDispatcher);
    const QCommandLineOption demoRecords(u"demo-records"_s,
                                         u"Seed N generated records instead of the hand-written demo records, for "
                                         "load tests; implies --demo [RECORDLOCKD_DEMO_RECORDS, 0 to 1000000]."_s,
                                         u"N"_s);
    const QCommandLineOption logFormat(u"log-format"_s,
                                       u"Log lines on stderr: text (Qt's plain lines, fields as key=value) or json "
                                       "(one JSON object per line) [RECORDLOCKD_LOG_FORMAT, default text]."_s,
                                       u"text|json"_s);
    parser.addOptions({demoRecords, logFormat});
    parser.addOption(database);
    const LockStoreFlags lockStoreFlags(u"Where locks live: sqlite (in the database, one instance) or redis "
                                        "(shared by several instances)"_s);
    lockStoreFlags.addTo(parser);
    const QCommandLineOption secretFile(u"secret-file"_s,
                                        u"The key that signs session tokens, created (mode 0600) if missing; the "
                                        "instances of one cluster must share it [RECORDLOCKD_SECRET_FILE, default "
                                        "secret.key in the data directory]."_s,
                                        u"PATH"_s);
    parser.addOption(secretFile);
    m_helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        fail(parser.errorText());
        return Outcome::Invalid;
    }
    if (parser.isSet(help))
        return Outcome::ShowHelp;
    if (parser.isSet(version))
        return Outcome::ShowVersion;
    if (!parser.positionalArguments().isEmpty()) {
        fail(u"unexpected argument: %1"_s.arg(parser.positionalArguments().constFirst()));
        return Outcome::Invalid;
    }

    m_config = ServerConfig();
    if (const OptionSetting s = OptionSetting::pick(parser, listen, environment, u"RECORDLOCKD_LISTEN"_s); s.isSet) {
        if (!parseListen(s.value, &m_config.address, &m_config.port)) {
            fail(u"%1: \"%2\" is not ADDR:PORT (e.g. 127.0.0.1:8765 or [::1]:8765)"_s.arg(s.source, s.value));
            return Outcome::Invalid;
        }
    }
    m_portFile = OptionSetting::pick(parser, portFile, environment, u"RECORDLOCKD_PORT_FILE"_s).value;
    const OptionSetting dir = OptionSetting::pick(parser, dataDir, environment, u"RECORDLOCKD_DATA_DIR"_s);
    m_config.dataDir = dir.isSet ? dir.value : defaultDataDir();
    if (m_config.dataDir.isEmpty()) {
        fail(u"%1: the data directory must not be empty"_s.arg(dir.isSet ? dir.source : u"default"_s));
        return Outcome::Invalid;
    }
    if (const OptionSetting s = OptionSetting::pick(parser, database, environment, u"RECORDLOCKD_DB"_s); s.isSet) {
        QString urlError;
        if (!parseDatabaseUrl(s.value, environment, &m_config.databaseUrl, &urlError)) {
            fail(u"%1: %2"_s.arg(s.source, urlError));
            return Outcome::Invalid;
        }
    }

    const struct
    {
        const QCommandLineOption &option;
        QString variable;
        bool allowZero;
        qint64 *target;
    } durations[] = {
        {lockTtl, u"RECORDLOCKD_LOCK_TTL"_s, false, &m_config.lockTtlMs},
        {orphanGrace, u"RECORDLOCKD_ORPHAN_GRACE"_s, true, &m_config.orphanGraceMs},
        {tokenTtl, u"RECORDLOCKD_TOKEN_TTL"_s, false, &m_config.tokenTtlMs},
    };
    for (const auto &d : durations) {
        const OptionSetting s = OptionSetting::pick(parser, d.option, environment, d.variable);
        if (s.isSet && !parseSeconds(s.value, d.allowZero, d.target)) {
            fail(u"%1: \"%2\" is not a number of seconds (%3)"_s.arg(s.source, s.value,
                                                                    d.allowZero ? u">= 0"_s : u"> 0"_s));
            return Outcome::Invalid;
        }
    }

    // Whole-number settings keep their defaults unless a flag or variable names them.
    const auto readInteger = [&](const QCommandLineOption &option, const QString &variable, qint64 min, qint64 max,
                                 auto &target) {
        const OptionSetting s = OptionSetting::pick(parser, option, environment, variable);
        qint64 value = 0;
        if (!s.isSet)
            return true;
        if (!parseInteger(s.value, min, max, &value))
            return fail(u"%1: \"%2\" is not a whole number from %3 to %4"_s.arg(s.source, s.value).arg(min).arg(max));
        target = std::remove_reference_t<decltype(target)>(value);
        return true;
    };
    ConnectionSettings &connection = m_config.connection;
    if (!readInteger(rateBurst, u"RECORDLOCKD_RATE_BURST"_s, 0, MaxLimit, connection.rateBurst)
        || !readInteger(ratePerSecond, u"RECORDLOCKD_RATE_PER_SECOND"_s, 0, MaxLimit, connection.ratePerSecond)
        || !readInteger(maxPerUser, u"RECORDLOCKD_MAX_CONNECTIONS_PER_USER"_s, 0, MaxLimit,
                        connection.maxConnectionsPerUser)
        || !readInteger(hashPasses, u"RECORDLOCKD_PASSWORD_HASH_PASSES"_s, PasswordHasher::MinPasses,
                        PasswordHasher::MaxPasses, m_config.passwordHashPasses)
        || !readInteger(hashMemory, u"RECORDLOCKD_PASSWORD_HASH_MEMORY"_s, PasswordHasher::MinMemoryKiB,
                        PasswordHasher::MaxMemoryKiB, m_config.passwordHashMemoryKiB)) {
        return Outcome::Invalid;
    }

    ListenerSettings &listener = m_config.listener;
    if (!readInteger(maxPerAddress, u"RECORDLOCKD_MAX_CONNECTIONS_PER_ADDRESS"_s, 0, 1'000'000,
                     listener.maxConnectionsPerAddress)
        || !readInteger(upgradeTimeout, u"RECORDLOCKD_UPGRADE_TIMEOUT_MS"_s, 1, 3'600'000, listener.upgradeTimeoutMs)) {
        return Outcome::Invalid;
    }
    const OptionSetting cert = OptionSetting::pick(parser, tlsCert, environment, u"RECORDLOCKD_TLS_CERT"_s);
    const OptionSetting key = OptionSetting::pick(parser, tlsKey, environment, u"RECORDLOCKD_TLS_KEY"_s);
    listener.tlsCertFile = cert.value;
    listener.tlsKeyFile = key.value;
    // The files themselves are read when the server starts (exit code 1 if they are bad).
    if (listener.tlsCertFile.isEmpty() != listener.tlsKeyFile.isEmpty()) {
        fail(u"--tls-cert and --tls-key (RECORDLOCKD_TLS_CERT, RECORDLOCKD_TLS_KEY) go together: %1 is missing"_s.arg(
            listener.tlsCertFile.isEmpty() ? u"the certificate"_s : u"the key"_s));
        return Outcome::Invalid;
    }

    if (const OptionSetting s =
            OptionSetting::pick(parser, eventDispatcher, environment, u"RECORDLOCKD_EVENT_DISPATCHER"_s);
        s.isSet) {
        const QString value = s.value.trimmed().toLower();
        if (value != u"epoll" && value != u"qt") {
            fail(u"%1: \"%2\" is not epoll or qt"_s.arg(s.source, s.value));
            return Outcome::Invalid;
        }
        m_eventDispatcher = value;
    }

    if (const OptionSetting s = OptionSetting::pick(parser, logFormat, environment, u"RECORDLOCKD_LOG_FORMAT"_s);
        s.isSet) {
        const QString value = s.value.trimmed().toLower();
        if (value != u"text" && value != u"json") {
            fail(u"%1: \"%2\" is not text or json"_s.arg(s.source, s.value));
            return Outcome::Invalid;
        }
        m_logFormat = value;
    }
    if (!readInteger(demoRecords, u"RECORDLOCKD_DEMO_RECORDS"_s, 0, MaxDemoRecords, m_config.demoRecords))
        return Outcome::Invalid;

    if (const QString problem = lockStoreFlags.read(parser, environment, &m_config); !problem.isEmpty()) {
        fail(problem);
        return Outcome::Invalid;
    }
    m_config.secretFile = OptionSetting::pick(parser, secretFile, environment, u"RECORDLOCKD_SECRET_FILE"_s).value;

    if (parser.isSet(demo) || m_config.demoRecords > 0) {
        m_config.demo = true;
    } else if (environment.contains(u"RECORDLOCKD_DEMO"_s)) {
        const QString value = environment.value(u"RECORDLOCKD_DEMO"_s).trimmed().toLower();
        if (value == u"1" || value == u"true" || value == u"yes") {
            m_config.demo = true;
        } else if (!(value.isEmpty() || value == u"0" || value == u"false" || value == u"no")) {
            fail(u"RECORDLOCKD_DEMO: \"%1\" is not 1 or 0"_s.arg(value));
            return Outcome::Invalid;
        }
    }
    return Outcome::Run;
}

bool DaemonOptions::parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    QString host;
    QString portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u"]:"_s);
        if (close < 0)
            return false;
        host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon <= 0)
            return false;
        host = text.left(colon);
        portText = text.mid(colon + 1);
        if (host.contains(u':')) // bare IPv6 needs brackets
            return false;
    }
    bool ok = false;
    const uint value = portText.toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    QHostAddress parsed;
    if (host == u"localhost")
        parsed = QHostAddress(QHostAddress::LocalHost);
    else if (!parsed.setAddress(host))
        return false;
    *address = parsed;
    *port = quint16(value);
    return true;
}

bool DaemonOptions::parseSeconds(const QString &text, bool allowZero, qint64 *milliseconds)
{
    bool ok = false;
    const double seconds = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds > MaxSeconds)
        return false;
    const qint64 ms = qRound64(seconds * 1000.0);
    if (ms == 0 && !allowZero)
        return false;
    *milliseconds = ms;
    return true;
}

bool DaemonOptions::parseInteger(const QString &text, qint64 min, qint64 max, qint64 *value)
{
    bool ok = false;
    const qint64 number = text.trimmed().toLongLong(&ok);
    if (!ok || number < min || number > max)
        return false;
    *value = number;
    return true;
}

QString DaemonOptions::eventDispatcherFromArguments(const QStringList &arguments,
                                                   const QProcessEnvironment &environment)
{
    QString value = environment.value(u"RECORDLOCKD_EVENT_DISPATCHER"_s);
    const QString flag = u"--event-dispatcher"_s;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--")
            break;
        if (argument == flag && i + 1 < arguments.size())
            value = arguments.at(++i);
        else if (argument.startsWith(flag + u'='))
            value = argument.mid(flag.size() + 1);
    }
    return value.trimmed().toLower() == u"qt" ? u"qt"_s : u"epoll"_s;
}

bool DaemonOptions::parseDatabaseUrl(const QString &text, const QProcessEnvironment &environment, QString *url,
                                     QString *error)
{
    if (text.trimmed().isEmpty()) {
        url->clear();
        return true;
    }
    std::optional<DatabaseUrl> parsed = DatabaseUrl::parse(text, error);
    if (!parsed)
        return false;
    if (parsed->password.isEmpty())
        parsed->password = environment.value(u"RECORDLOCKD_DB_PASSWORD"_s);
    *url = parsed->toString();
    return true;
}

QString DaemonOptions::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool DaemonOptions::fail(const QString &message)
{
    m_error = message;
    return false;
}

} // namespace recordlock
