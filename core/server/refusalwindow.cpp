#include "server/refusalwindow.h"

namespace recordlock {

RefusalWindow::RefusalWindow(int threshold, qint64 windowMs)
    : m_threshold(qMax(1, threshold))
    , m_windowMs(windowMs)
{
}

bool RefusalWindow::record(qint64 nowMs)
{
    expire(nowMs);
    // Only the newest `threshold` times can decide, so the queue stays bounded under a flood.
    if (m_times.size() >= m_threshold)
        m_times.dequeue();
    m_times.enqueue(nowMs);
    return m_times.size() >= m_threshold;
}

int RefusalWindow::count(qint64 nowMs)
{
    expire(nowMs);
    return int(m_times.size());
}

void RefusalWindow::expire(qint64 nowMs)
{
    while (!m_times.isEmpty() && m_times.head() <= nowMs - m_windowMs)
        m_times.dequeue();
}

} // namespace recordlock
