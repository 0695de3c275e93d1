#pragma once

#include <optional>

#include <QString>

namespace recordlock {

/// The name an instance of a cluster goes by in the shared lock rows: random, kept in a file of
/// its data directory so that it survives restarts.
class InstanceName
{
public:
    /// The name stored at path, created if missing; nullopt with *error set if it cannot be.
    static std::optional<QString> loadOrCreate(const QString &path, QString *error);
};

} // namespace recordlock
