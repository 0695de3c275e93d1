#include "ui/clientstack.h"

namespace recordlock {

ClientStack::ClientStack(const Clock &clock, const QString &draftDirectory, const EditorSettings &settings)
    : m_connection(clock)
    , m_events(&m_connection)
    , m_locks(&m_connection, &m_events)
    , m_renewer(&m_locks)
    , m_records(&m_connection, &m_events)
    , m_drafts(draftDirectory)
    , m_controller(&m_connection, &m_locks, &m_records, &m_drafts, clock, settings)
    , m_listModel(&m_records, &m_locks)
    , m_silentSignIn(&m_connection, &m_tokenVault)
{
    m_controller.setRenewer(&m_renewer);
}

ClientStack::~ClientStack() = default;

} // namespace recordlock
