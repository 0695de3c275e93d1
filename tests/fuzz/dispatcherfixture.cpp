#include "dispatcherfixture.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include "fuzzfailure.h"
#include "fuzzpeer.h"
#include "memorytransport.h"
#include "server/recordlockserver.h"
#include "server/serverconfig.h"

using namespace Qt::StringLiterals;

namespace recordlock::fuzz {

namespace {

/// How long a reply (a login's password check included) may take before it counts as lost.
constexpr int ReplyWaitMs = 10'000;
/// The clock jump between inputs: longer than the lock TTL, the orphan grace and every limiter's
/// refill, so one input's state cannot shadow the next one's.
constexpr qint64 BetweenInputsMs = 10 * 60 * 1000;
/// Tokens must outlive any number of inputs (10 minutes each).
constexpr qint64 TokenTtlMs = 1000LL * 365 * 24 * 3600 * 1000;

} // namespace

DispatcherFixture::DispatcherFixture(const QString &dataDir)
    : m_dataDir(dataDir)
{
}

DispatcherFixture::~DispatcherFixture()
{
    disconnectAll();
}

bool DispatcherFixture::start(QString *error)
{
    ServerConfig config;
    config.dataDir = m_dataDir;
    config.demo = true;
    config.tokenTtlMs = TokenTtlMs;
    // libsodium's cheapest argon2id: a login then costs microseconds, not 100 ms and 64 MiB.
    config.passwordHashPasses = 1;
    config.passwordHashMemoryKiB = 8;
    // Real-time timers would make runs depend on the machine's speed: the auth deadline and
    // keepalive belong to the socket tests, not to the request path.
    config.connection.authTimeoutMs = 24 * 3600 * 1000;
    config.connection.keepAliveIntervalMs = 0;
    m_server = std::make_unique<RecordLockServer>(config, m_clock);
    if (!m_server->open(error))
        return false;
    for (const QString &user : {u"alice"_s, u"bob"_s, u"carol"_s}) {
        if (!signIn(user, error))
            return false;
    }
    return true;
}

bool DispatcherFixture::signIn(const QString &user, QString *error)
{
    QStringList received;
    auto transport = std::make_unique<MemoryTransport>([&received](const QString &m) { received.append(m); },
                                                       [](int) {});
    QPointer<MemoryTransport> handle = transport.get();
    m_server->connectClient(std::move(transport));
    handle->deliver(QString::fromUtf8(QJsonDocument(QJsonObject{{u"id"_s, 1},
                                                                {u"op"_s, u"login"_s},
                                                                {u"user"_s, user},
                                                                {u"password"_s, user},
                                                                {u"sessionId"_s, QString(u"fuzz-init-"_s + user)}})
                                          .toJson(QJsonDocument::Compact)));
    QDeadlineTimer deadline(ReplyWaitMs * 3);
    while (received.isEmpty() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    if (handle)
        handle->dropFromPeer();
    pumpEvents();
    const QJsonObject result = received.isEmpty() ? QJsonObject()
                                                  : QJsonDocument::fromJson(received.first().toUtf8())
                                                        .object()
                                                        .value(u"result"_s)
                                                        .toObject();
    const QString token = result.value(u"token"_s).toString();
    if (token.isEmpty()) {
        *error = u"cannot sign in the demo user %1: %2"_s.arg(user, received.value(0));
        return false;
    }
    m_placeholders.insert("$tok:" + user.toUtf8(), token.toUtf8());
    m_placeholders.insert("$handle:" + user.toUtf8(),
                          result.value(u"user"_s).toObject().value(u"handle"_s).toString().toUtf8());
    return true;
}

void DispatcherFixture::run(QByteArrayView input)
{
    for (const FuzzStep &step : FuzzScript::parse(input)) {
        switch (step.kind) {
        case FuzzStep::Kind::Advance:
            settle(-1);
            m_clock.advance(step.advanceMs);
            break;
        case FuzzStep::Kind::Drop: {
            settle(-1);
            Slot &slot = m_slots[step.peer];
            if (slot.peer && slot.peer->isOpen()) {
                slot.peer->droppedByPeer();
                if (slot.transport)
                    slot.transport->dropFromPeer();
            }
            break;
        }
        case FuzzStep::Kind::Send:
        case FuzzStep::Kind::SendBinary:
            // Another connection's pending login must finish first: replies across connections
            // would otherwise race with the password-hashing thread and runs would not repeat.
            settle(step.peer);
            send(openSlot(step.peer), step);
            break;
        }
        pumpEvents();
    }
    settle(-1);
    for (const Slot &slot : m_slots) {
        if (slot.peer)
            slot.peer->checkAllAnswered();
    }
    disconnectAll();
    m_clock.advance(BetweenInputsMs);
}

DispatcherFixture::Slot &DispatcherFixture::openSlot(int index)
{
    Slot &slot = m_slots[index];
    if (slot.peer && slot.peer->isOpen() && slot.transport)
        return slot;
    // A client whose connection ended connects anew, as the desktop client does.
    slot.peer = std::make_unique<FuzzPeer>(m_clock);
    FuzzPeer *peer = slot.peer.get();
    auto transport = std::make_unique<MemoryTransport>([peer](const QString &m) { peer->messageReceived(m); },
                                                       [peer](int code) { peer->closedByServer(code); });
    slot.transport = transport.get();
    m_server->connectClient(std::move(transport));
    return slot;
}

void DispatcherFixture::send(Slot &slot, const FuzzStep &step)
{
    for (int i = 0; i < step.repeat && slot.peer->isOpen() && slot.transport; ++i) {
        if (step.kind == FuzzStep::Kind::SendBinary) {
            slot.peer->binarySent();
            slot.transport->deliverBinary(step.payload);
            continue;
        }
        // QtWebSockets hands the server text as UTF-16: what arrives is the UTF-8 round trip.
        const QString text = QString::fromUtf8(substitute(step.payload, *slot.peer));
        slot.peer->requestSent(text.toUtf8());
        slot.transport->deliver(text);
    }
}

QByteArray DispatcherFixture::substitute(QByteArray payload, const FuzzPeer &peer) const
{
    if (!payload.contains('$'))
        return payload;
    for (auto it = m_placeholders.cbegin(); it != m_placeholders.cend(); ++it)
        payload.replace(it.key(), it.value());
    payload.replace("$fence", QByteArray::number(peer.lastFence()));
    payload.replace("$version", QByteArray::number(peer.lastVersion()));
    return payload;
}

void DispatcherFixture::settle(int except)
{
    const auto waiting = [this, except] {
        for (int i = 0; i < int(m_slots.size()); ++i) {
            if (i != except && m_slots[i].peer && m_slots[i].peer->awaitsReplies())
                return true;
        }
        return false;
    };
    QDeadlineTimer deadline(ReplyWaitMs);
    while (waiting()) {
        // A login's password check finishes on a pool thread and posts its result here.
        require(!deadline.hasExpired(), u"no reply within %1 ms"_s.arg(ReplyWaitMs));
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        pumpEvents();
    }
}

void DispatcherFixture::pumpEvents()
{
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

void DispatcherFixture::disconnectAll()
{
    for (Slot &slot : m_slots) {
        if (slot.transport)
            slot.transport->dropFromPeer();
    }
    // Each dropped connection reports its end from the event loop and is then deleted.
    for (int round = 0; round < 100 && m_server && m_server->connectionCount() > 0; ++round)
        pumpEvents();
    require(!m_server || m_server->connectionCount() == 0, u"closed connections were not deleted"_s);
    for (Slot &slot : m_slots)
        slot.peer.reset();
}

} // namespace recordlock::fuzz
