#pragma once

#include <cstddef>

#include <QString>
#include <QtGlobal>

namespace recordlock {

/// Argon2id password hashing (libsodium). Stateless after construction, so one instance may be
/// used from several threads at once (e.g. verify() in a QThreadPool).
class PasswordHasher
{
public:
    /// Bounds of a cost setting (recordlockd flags): libsodium's minimum, and a sane maximum.
    static constexpr quint32 MinPasses = 1;
    static constexpr quint32 MaxPasses = 64;
    static constexpr quint32 MinMemoryKiB = 8;
    static constexpr quint32 MaxMemoryKiB = 4 * 1024 * 1024;

    /// Defaults are libsodium's INTERACTIVE limits; tests and migrations may pass others.
    PasswordHasher();
    /// Custom cost: opsLimit passes over memLimit bytes.
    PasswordHasher(unsigned long long opsLimit, std::size_t memLimit);
    /// Custom cost in the units of the encoded hash ("$m=<memoryKiB>,t=<passes>"); values are
    /// clamped to [MinPasses, MaxPasses] and [MinMemoryKiB, MaxMemoryKiB].
    static PasswordHasher withCost(quint32 passes, quint32 memoryKiB);

    /// An encoded "$argon2id$..." string with a fresh salt; empty on failure (out of memory).
    QString hash(const QString &password) const;
    /// True if password matches hash; false for a wrong password or a malformed hash.
    bool verify(const QString &hash, const QString &password) const;
    /// True if hash was made with other parameters or another algorithm than this hasher's.
    bool needsRehash(const QString &hash) const;

private:
    unsigned long long m_opsLimit;
    std::size_t m_memLimit;
};

} // namespace recordlock
