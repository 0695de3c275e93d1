#pragma once

#include <QCoreApplication>
#include <QList>
#include <QRect>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace recordlock {

/// The recordlock command line: which server, language, user and where the window goes.
class ClientOptions
{
    Q_DECLARE_TR_FUNCTIONS(ClientOptions)

public:
    /// Where --position puts the window on the primary screen.
    enum class Placement { Default, Left, Right };

    /// --server (repeated, or comma-separated): the lock servers' WebSocket URLs, in the order they
    /// are tried; several are instances of one installation that the client fails over between.
    QList<QUrl> servers{QUrl(QStringLiteral("ws://127.0.0.1:8765/ws"))};
    /// --server was given (else a server remembered by the sign-in dialog is preferred).
    bool serverGiven = false;
    /// Empty: the system locale.
    QString language;
    /// Prefills the sign-in; with RECORDLOCK_PASSWORD set, signs in without the dialog.
    QString user;
    /// --geometry X,Y,W,H
    std::optional<QRect> geometry;
    Placement placement = Placement::Default;
    /// Minutes without input before the idle warning; 0: the saved setting (default 10).
    int idleMinutes = 0;
    /// Forces a dark palette (for dark desktops the system palette does not report, and screenshots).
    bool dark = false;
    /// --ca-cert or RECORDLOCK_CA_CERT: a PEM file of CA certificates trusted for wss:// besides the
    /// system's (e.g. a company CA); empty when none.
    QString caCertFile;

    /// Parses arguments (exits with a message on --help, --version or an error); caCertEnv is the
    /// value of RECORDLOCK_CA_CERT, used when --ca-cert is not given.
    static ClientOptions parse(const QStringList &arguments, const QString &caCertEnv = QString());
    /// The value of --lang in raw arguments, before translations are loaded; empty when absent.
    static QString languageArgument(const QStringList &arguments);
    /// The certificates in the PEM file of --ca-cert; empty, with *error saying why, when it cannot
    /// be read or holds none.
    static QList<QSslCertificate> loadCaCertificates(const QString &file, QString *error);
    /// Parses "X,Y,W,H"; nullopt when malformed.
    static std::optional<QRect> parseGeometry(const QString &text);
};

} // namespace recordlock
