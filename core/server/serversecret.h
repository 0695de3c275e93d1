#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

namespace recordlock {

/// The server's token-signing key, kept in a private file next to the database.
class ServerSecret
{
public:
    /// Length of the key in bytes.
    static constexpr qsizetype KeySize = 32;

    /// Reads the key at path, or creates a random one there (mode 0600) if the file is missing.
    /// Refuses (nullopt, *error set) a file of the wrong size or accessible by group or others.
    static std::optional<QByteArray> loadOrCreate(const QString &path, QString *error);
};

} // namespace recordlock
