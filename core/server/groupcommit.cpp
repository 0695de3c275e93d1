#include "server/groupcommit.h"

#include <utility>

#include "server/clientconnection.h"
#include "server/serverlogging.h"
#include "server/sqltransaction.h"

namespace recordlock {

GroupCommit::GroupCommit(const QSqlDatabase &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_relaxedCommit.setSingleShot(true);
    m_relaxedCommit.setInterval(RelaxedCommitMs);
    connect(&m_relaxedCommit, &QTimer::timeout, this, [this] { commit(); });
}

GroupCommit::~GroupCommit()
{
    commit();
}

void GroupCommit::begin()
{
    open();
    schedule(CommitUrgency::Prompt);
}

void GroupCommit::open()
{
    if (m_transaction)
        return;
    auto transaction = std::make_unique<SqlTransaction>(m_db);
    if (!transaction->isActive()) {
        qCWarning(lcStorage).noquote() << "group commit: cannot begin, writing unbatched:" << transaction->lastError();
        return;
    }
    m_transaction = std::move(transaction);
}

void GroupCommit::schedule(CommitUrgency urgency)
{
    if (!m_transaction || m_commitScheduled)
        return;
    if (urgency == CommitUrgency::Relaxed) {
        if (!m_relaxedCommit.isActive())
            m_relaxedCommit.start();
        return;
    }
    m_relaxedCommit.stop();
    m_commitScheduled = true;
    // A posted call runs at the start of the next loop pass, after every socket that was ready
    // in this one has been served: all of their writes share this transaction.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_commitScheduled = false;
            commit();
        },
        Qt::QueuedConnection);
}

void GroupCommit::hold(ClientConnection *connection)
{
    m_held.append(QPointer<ClientConnection>(connection));
}

bool GroupCommit::commit()
{
    m_relaxedCommit.stop();
    if (!m_transaction)
        return true;
    const std::unique_ptr<SqlTransaction> transaction = std::move(m_transaction);
    const bool ok = transaction->commit();
    // Taken before anything is sent: a send may drop a connection, which may begin a new pass.
    const QList<QPointer<ClientConnection>> held = std::exchange(m_held, {});
    if (ok) {
        ++m_commits;
        Q_EMIT committed();
        for (const QPointer<ClientConnection> &connection : held) {
            if (connection)
                connection->releaseOutput();
        }
        if (m_afterCommit)
            m_afterCommit();
        return true;
    }
    qCCritical(lcStorage).noquote() << "group commit failed, its changes are rolled back:" << transaction->lastError();
    for (const QPointer<ClientConnection> &connection : held) {
        if (connection)
            connection->discardOutput();
    }
    Q_EMIT commitFailed();
    return false;
}

} // namespace recordlock
