#include "daemonoptions.h"

#include <cmath>

#include <QCommandLineParser>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Longest duration accepted, in seconds (about 31 years); keeps milliseconds far from overflow.
constexpr double MaxSeconds = 1e9;

/// A flag's value, else the environment variable's, else empty (isSet false).
struct Setting
{
    QString value;
    QString source;
    bool isSet = false;
};

Setting pick(const QCommandLineParser &parser, const QCommandLineOption &option, const QProcessEnvironment &env,
             const QString &variable)
{
    if (parser.isSet(option))
        return Setting{parser.value(option), u"--"_s + option.names().constFirst(), true};
    if (env.contains(variable))
        return Setting{env.value(variable), variable, true};
    return {};
}

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
    parser.addOptions({listen, portFile, dataDir, lockTtl, orphanGrace, tokenTtl, demo});
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
    if (const Setting s = pick(parser, listen, environment, u"RECORDLOCKD_LISTEN"_s); s.isSet) {
        if (!parseListen(s.value, &m_config.address, &m_config.port)) {
            fail(u"%1: \"%2\" is not ADDR:PORT (e.g. 127.0.0.1:8765 or [::1]:8765)"_s.arg(s.source, s.value));
            return Outcome::Invalid;
        }
    }
    m_portFile = pick(parser, portFile, environment, u"RECORDLOCKD_PORT_FILE"_s).value;
    const Setting dir = pick(parser, dataDir, environment, u"RECORDLOCKD_DATA_DIR"_s);
    m_config.dataDir = dir.isSet ? dir.value : defaultDataDir();
    if (m_config.dataDir.isEmpty()) {
        fail(u"%1: the data directory must not be empty"_s.arg(dir.isSet ? dir.source : u"default"_s));
        return Outcome::Invalid;
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
        const Setting s = pick(parser, d.option, environment, d.variable);
        if (s.isSet && !parseSeconds(s.value, d.allowZero, d.target)) {
            fail(u"%1: \"%2\" is not a number of seconds (%3)"_s.arg(s.source, s.value,
                                                                    d.allowZero ? u">= 0"_s : u"> 0"_s));
            return Outcome::Invalid;
        }
    }

    if (parser.isSet(demo)) {
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
