#include "clientoptions.h"

#include <cstdio>

#include <QCommandLineParser>
#include <QFile>

#include "client/serverlist.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

[[noreturn]] void fail(QCommandLineParser &parser, const QString &message)
{
    std::fputs(qPrintable(message + u'\n'), stderr);
    parser.showHelp(2);
}

} // namespace

ClientOptions ClientOptions::parse(const QStringList &arguments, const QString &caCertEnv)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("RecordLock desktop client: edit shared customer and claim records; "
                                        "everyone sees at once who is editing what."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(u"server"_s, tr("Lock server WebSocket URL (default %1). Several "
                                                          "servers of one installation: repeat the option or "
                                                          "separate the URLs with commas; the client fails "
                                                          "over to the next when one cannot be reached.")
                                                           .arg(u"ws://127.0.0.1:8765/ws"_s),
                                          tr("url"));
    const QCommandLineOption langOption(u"lang"_s, tr("User interface language, e.g. de or en (default: system)."),
                                        tr("code"));
    const QCommandLineOption userOption(u"user"_s, tr("User name to sign in with. With the password in the "
                                                      "RECORDLOCK_PASSWORD environment variable, signs in at once."),
                                        tr("name"));
    const QCommandLineOption geometryOption(u"geometry"_s, tr("Window position and size in pixels."), tr("x,y,w,h"));
    const QCommandLineOption positionOption(u"position"_s, tr("Put the window on the left or right half of the screen."),
                                            tr("left|right"));
    const QCommandLineOption idleOption(u"idle-minutes"_s, tr("Minutes without input before the idle warning "
                                                              "(default 10)."),
                                        tr("minutes"));
    const QCommandLineOption darkOption(u"dark"_s, tr("Use a dark colour scheme."));
    const QCommandLineOption caCertOption(u"ca-cert"_s, tr("Also trust the CA certificates in this PEM file for "
                                                           "wss:// servers (default: the RECORDLOCK_CA_CERT "
                                                           "environment variable)."),
                                          tr("file"));
    parser.addOptions({serverOption, langOption, userOption, geometryOption, positionOption, idleOption, darkOption,
                       caCertOption});
    parser.process(arguments);

    ClientOptions options;
    if (parser.isSet(serverOption)) {
        options.serverGiven = true;
        const ServerList::Parsed parsed = ServerList::parse(parser.values(serverOption));
        if (!parsed.badEntry.isEmpty())
            fail(parser, tr("--server: \"%1\" is not a ws:// or wss:// URL, e.g. ws://127.0.0.1:8765/ws")
                             .arg(parsed.badEntry));
        if (!parsed.ok())
            fail(parser, tr("--server needs a ws:// or wss:// URL, e.g. ws://127.0.0.1:8765/ws"));
        options.servers = parsed.servers;
    }
    options.language = parser.value(langOption);
    options.user = parser.value(userOption);
    if (parser.isSet(geometryOption)) {
        options.geometry = parseGeometry(parser.value(geometryOption));
        if (!options.geometry)
            fail(parser, tr("--geometry needs four numbers: x,y,width,height"));
    }
    if (parser.isSet(positionOption)) {
        const QString position = parser.value(positionOption);
        if (position == "left"_L1)
            options.placement = Placement::Left;
        else if (position == "right"_L1)
            options.placement = Placement::Right;
        else
            fail(parser, tr("--position is left or right"));
    }
    if (parser.isSet(idleOption)) {
        bool ok = false;
        options.idleMinutes = parser.value(idleOption).toInt(&ok);
        if (!ok || options.idleMinutes < 1)
            fail(parser, tr("--idle-minutes needs a whole number of minutes, at least 1"));
    }
    options.dark = parser.isSet(darkOption);
    options.caCertFile = parser.isSet(caCertOption) ? parser.value(caCertOption) : caCertEnv;
    if (parser.isSet(caCertOption) && options.caCertFile.isEmpty())
        fail(parser, tr("--ca-cert needs a file name"));
    return options;
}

QString ClientOptions::languageArgument(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument.startsWith("--lang="_L1))
            return argument.mid(7);
        if (argument == "--lang"_L1 && i + 1 < arguments.size())
            return arguments.at(i + 1);
    }
    return {};
}

QList<QSslCertificate> ClientOptions::loadCaCertificates(const QString &file, QString *error)
{
    QFile pem(file);
    if (!pem.open(QIODevice::ReadOnly)) {
        *error = tr("--ca-cert: cannot read %1: %2").arg(file, pem.errorString());
        return {};
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        *error = tr("--ca-cert: %1 holds no PEM certificate").arg(file);
    return certificates;
}

std::optional<QRect> ClientOptions::parseGeometry(const QString &text)
{
    const QStringList parts = text.split(u',');
    if (parts.size() != 4)
        return std::nullopt;
    int values[4] = {};
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        values[i] = parts.at(i).trimmed().toInt(&ok);
        if (!ok)
            return std::nullopt;
    }
    if (values[2] <= 0 || values[3] <= 0)
        return std::nullopt;
    return QRect(values[0], values[1], values[2], values[3]);
}

} // namespace recordlock
