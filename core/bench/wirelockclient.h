#pragma once

#include "bench/lockclient.h"

namespace recordlock {

class BenchSession;

/// An active client speaking the RecordLock wire protocol on one signed-in session:
/// acquire, then (renew and) release with the fencing token. lock_held is a denial and
/// not_holder a lost lock; any other error reply is an error.
class WireLockClient : public LockClient
{
public:
    /// session must outlive this client.
    explicit WireLockClient(BenchSession &session);

    void runCycle(const QString &recordId, BenchConfig::Mode mode, qint64 startNs, LockOpStats &stats,
                  ErrorTally &errors, std::function<void()> done) override;
    bool isOpen() const override;

private:
    BenchSession &m_session;
};

} // namespace recordlock
