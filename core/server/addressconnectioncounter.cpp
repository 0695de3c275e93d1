#include "server/addressconnectioncounter.h"

#include <algorithm>

namespace recordlock {

AddressConnectionCounter::AddressConnectionCounter(int limit)
    : m_limit(std::max(0, limit))
{
}

bool AddressConnectionCounter::tryAdd(const QHostAddress &address)
{
    int &count = m_counts[address];
    if (m_limit > 0 && count >= m_limit)
        return false;
    ++count;
    return true;
}

void AddressConnectionCounter::remove(const QHostAddress &address)
{
    const auto it = m_counts.find(address);
    if (it == m_counts.end())
        return;
    // Erase at zero so a scan of many one-off addresses does not grow the table for ever.
    if (--it.value() <= 0)
        m_counts.erase(it);
}

int AddressConnectionCounter::count(const QHostAddress &address) const
{
    return m_counts.value(address, 0);
}

} // namespace recordlock
