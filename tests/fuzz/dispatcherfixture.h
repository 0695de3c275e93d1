#pragma once

#include <array>
#include <memory>

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QPointer>
#include <QString>

#include "fakeclock.h"
#include "fuzzscript.h"

namespace recordlock {
class RecordLockServer;
}

namespace recordlock::fuzz {

class FuzzPeer;
class MemoryTransport;

/// The real server request path without sockets: a RecordLockServer opened (not listening) on
/// SQLite in dataDir with the demo data, a FakeClock, and up to FuzzScript::MaxPeers in-memory
/// connections driven by a fuzz input. One fixture serves every input of a process; each input
/// starts with fresh connections, and the clock then jumps 10 minutes so that earlier locks,
/// rate buckets and failed-login counts have run out.
class DispatcherFixture
{
public:
    /// dataDir must exist and be empty; the server seeds it.
    explicit DispatcherFixture(const QString &dataDir);
    ~DispatcherFixture();

    /// Opens the server and signs the demo users in once for their tokens; false with *error.
    bool start(QString *error);
    /// Runs one fuzz input; a broken invariant aborts the process (see FuzzPeer).
    void run(QByteArrayView input);

private:
    /// One client connection slot; a closed connection is replaced when the script sends again.
    struct Slot
    {
        std::unique_ptr<FuzzPeer> peer;
        QPointer<MemoryTransport> transport;
    };

    Slot &openSlot(int index);
    void send(Slot &slot, const FuzzStep &step);
    QByteArray substitute(QByteArray payload, const FuzzPeer &peer) const;
    void settle(int except);
    void pumpEvents();
    void disconnectAll();
    bool signIn(const QString &user, QString *error);

    QString m_dataDir;
    test::FakeClock m_clock;
    std::unique_ptr<RecordLockServer> m_server;
    std::array<Slot, FuzzScript::MaxPeers> m_slots;
    /// "$tok:alice" -> a session token, "$handle:alice" -> alice's handle, ...
    QHash<QByteArray, QByteArray> m_placeholders;
};

} // namespace recordlock::fuzz
