#pragma once

#include <QHash>
#include <QHostAddress>

namespace recordlock {

/// Open connections per client address, against a cap (docs/protocol.md, "Connection caps").
/// Behind a reverse proxy every client shares one address, which is why the cap is a setting.
class AddressConnectionCounter
{
public:
    /// limit: connections allowed per address; 0 = unlimited.
    explicit AddressConnectionCounter(int limit);

    /// Counts one more connection from address; false (and nothing counted) when it is at the cap.
    bool tryAdd(const QHostAddress &address);
    /// Forgets one connection from address.
    void remove(const QHostAddress &address);
    /// Open connections from address.
    int count(const QHostAddress &address) const;
    /// Addresses with at least one open connection.
    qsizetype addressCount() const { return m_counts.size(); }
    /// The cap; 0 = unlimited.
    int limit() const { return m_limit; }

private:
    int m_limit;
    QHash<QHostAddress, int> m_counts;
};

} // namespace recordlock
