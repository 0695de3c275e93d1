#pragma once

#include <functional>
#include <memory>

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QTimer>

#include "server/commiturgency.h"

namespace recordlock {

class ClientConnection;
class SqlTransaction;

/// Groups the durable writes of one event-loop pass into one SQL transaction and holds every
/// message to a client until that transaction has committed (output gating): a reply or event
/// never leaves before the change it reports is durable, yet many requests share one commit.
class GroupCommit : public QObject
{
    Q_OBJECT

public:
    /// db is the connection the stores write through; it must outlive this object.
    explicit GroupCommit(const QSqlDatabase &db, QObject *parent = nullptr);
    /// Commits what is still open (its held output is sent if the connections are still there).
    ~GroupCommit() override;

    /// How long a Relaxed commit may wait for other writes to share its transaction.
    static constexpr int RelaxedCommitMs = 20;

    /// open() and schedule(CommitUrgency::Prompt).
    void begin();
    /// Opens the pass's transaction unless one is open. If BEGIN fails, writes autocommit one by
    /// one and nothing is held.
    void open();
    /// Schedules the open transaction's commit: Prompt at the start of the next loop pass,
    /// Relaxed within RelaxedCommitMs unless a Prompt one comes first.
    void schedule(CommitUrgency urgency);
    /// True while a transaction is open: messages to clients must wait for it (see hold()).
    bool isOpen() const { return m_transaction != nullptr; }
    /// connection has output waiting for the commit: ClientConnection::releaseOutput() after it
    /// succeeds, ClientConnection::discardOutput() if it fails.
    void hold(ClientConnection *connection);
    /// Commits the open transaction now and releases the held output; false if the commit failed
    /// (then everything written since begin() is gone, and commitFailed() was emitted).
    bool commit();

    /// Changes how long a Relaxed commit may wait (RelaxedCommitMs by default).
    void setRelaxedCommitMs(int ms) { m_relaxedCommit.setInterval(ms); }
    /// Runs after every successful commit, once its output is released, outside any transaction.
    void setAfterCommit(std::function<void()> task) { m_afterCommit = std::move(task); }

    /// Transactions committed so far (for tests and the benchmark story).
    qint64 commitCount() const { return m_commits; }

Q_SIGNALS:
    /// The open transaction committed (before its held output is released).
    void committed();
    /// A commit failed and was rolled back: in-memory state built on its writes must be reloaded.
    void commitFailed();

private:
    QSqlDatabase m_db;
    std::unique_ptr<SqlTransaction> m_transaction;
    QList<QPointer<ClientConnection>> m_held;
    std::function<void()> m_afterCommit;
    QTimer m_relaxedCommit;
    bool m_commitScheduled = false;
    qint64 m_commits = 0;
};

} // namespace recordlock
