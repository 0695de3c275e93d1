#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>

namespace recordlock {

class JsonWriter;

/// The lock object of docs/protocol.md: a record's lock as one session sees it.
struct LockInfo
{
    QString recordId;
    bool held = false;
    /// Opaque per-user handle of the holder (never the internal user id).
    QString holderHandle;
    QString holderName;
    /// The holder is the user this message is addressed to.
    bool sameUser = false;
    /// The holder is the very session this message is addressed to.
    bool sameSession = false;
    qint64 since = 0;
    qint64 expiresAt = 0;
    /// False while the holder's connection is gone and the lock waits out the orphan grace.
    bool connected = true;
    /// When connected is false: when the lock is freed unless the holder returns.
    qint64 orphanDeadline = 0;
    /// Fencing token; sent only to the holding session, 0 otherwise.
    qint64 token = 0;
    /// The record's event sequence number at the time of this snapshot.
    qint64 seq = 0;

    /// The wire form.
    QJsonObject toJson() const;
    /// The wire form written as text, the same bytes as toJson() compacted.
    void writeJson(JsonWriter &out) const;
    /// Parses the wire form; nullopt when recordId or state is missing.
    static std::optional<LockInfo> fromJson(const QJsonObject &object);

    friend bool operator==(const LockInfo &, const LockInfo &) = default;
};

} // namespace recordlock
