#include "editor/draftkeeper.h"

#include "common/clock.h"
#include "editor/draftstore.h"
#include "editor/editbuffer.h"

namespace recordlock {

DraftKeeper::DraftKeeper(DraftStore *store, const EditBuffer &buffer, const Clock &clock, int delayMs,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_buffer(buffer)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(delayMs);
    connect(&m_timer, &QTimer::timeout, this, &DraftKeeper::writeNow);
}

void DraftKeeper::setDelayMs(int delayMs)
{
    m_timer.setInterval(delayMs);
}

void DraftKeeper::bind(const QString &server, const QString &userHandle)
{
    m_server = server;
    m_user = userHandle;
}

void DraftKeeper::unbind()
{
    m_timer.stop();
    m_server.clear();
    m_user.clear();
    m_stored = false;
}

void DraftKeeper::schedule()
{
    if (m_buffer.isDirty())
        m_timer.start();
    else if (m_stored)
        remove();
}

void DraftKeeper::writeNow()
{
    m_timer.stop();
    if (!usable())
        return;
    if (!m_buffer.isDirty()) {
        remove();
        return;
    }
    if (m_store->save(m_server, m_user, m_buffer.toDraft(m_clock.nowMs())))
        m_stored = true;
}

void DraftKeeper::remove()
{
    m_timer.stop();
    if (usable() && m_store->remove(m_server, m_user, m_buffer.server().id))
        m_stored = false;
}

std::optional<Draft> DraftKeeper::load() const
{
    if (!usable())
        return std::nullopt;
    return m_store->load(m_server, m_user, m_buffer.server().id);
}

bool DraftKeeper::usable() const
{
    // Without a signed-in user there is no owner to file the draft under.
    return m_store && !m_user.isEmpty() && m_buffer.hasRecord();
}

} // namespace recordlock
