#pragma once

#include <QString>

namespace recordlock {

/// The server's durable per-record lock state: counters plus the current holder, if any.
struct LockRow
{
    QString recordId;
    /// Highest fencing token ever issued for this record; never decreases.
    qint64 fence = 0;
    /// Highest event sequence number sent for this record; never decreases.
    qint64 seq = 0;

    bool held = false;
    QString sessionId;
    qint64 userId = 0;
    QString holderName;
    QString holderHandle;
    qint64 since = 0;
    qint64 expiresAt = 0;
    bool connected = true;
    qint64 orphanDeadline = 0;
    /// The current holder's fencing token (the fence value at its grant).
    qint64 token = 0;
    /// Shared stores only: the instance the holder was last connected through, so that the
    /// instance can orphan its own holders' locks when it restarts.
    QString via;

    /// Clears the holder, keeping fence and seq.
    void clearHolder();
};

} // namespace recordlock
