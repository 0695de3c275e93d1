#pragma once

#include <optional>

#include <QString>

namespace recordlock {

/// A PostgreSQL location, postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME (or postgres://).
struct DatabaseUrl
{
    QString host;
    quint16 port = 5432;
    QString user;
    QString password;
    QString databaseName;

    /// Parses text; std::nullopt and *error (which never contains the password) if it is not such a URL.
    static std::optional<DatabaseUrl> parse(const QString &text, QString *error);
    /// The URL without the password, for logs and messages.
    QString redacted() const;
    /// The full URL, password included (percent-encoded); parse() reads it back.
    QString toString() const;
};

} // namespace recordlock
