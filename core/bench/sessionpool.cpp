#include "bench/sessionpool.h"

#include <QJsonObject>
#include <QRandomGenerator>

#include "bench/benchlogging.h"
#include "bench/benchsession.h"
#include "protocol/names.h"

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Connections being opened at once: enough to be quick, few enough not to trip upgrade or
/// auth deadlines on a loaded server.
constexpr int MaxInFlight = 128;

} // namespace

SessionPool::SessionPool(QUrl url, QList<Credential> credentials, ErrorTally &errors, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_credentials(std::move(credentials))
    , m_errors(errors)
    , m_runTag(QString::number(QRandomGenerator::global()->generate64() & 0xffffffffffffULL, 16))
{
}

SessionPool::~SessionPool() = default;

void SessionPool::open(int count)
{
    m_target = std::max(count, int(m_credentials.size()));
    loginNext();
}

void SessionPool::closeAll()
{
    for (BenchSession *session : m_sessions)
        session->close();
}

QString SessionPool::nextSessionId()
{
    return u"bench-%1-%2"_s.arg(m_runTag).arg(m_started++);
}

void SessionPool::loginNext()
{
    if (m_tokens.size() == m_credentials.size()) {
        openMore();
        return;
    }
    const Credential &credential = m_credentials[m_tokens.size()];
    auto *session = new BenchSession(nextSessionId(), m_errors, this);
    connect(session, &BenchSession::failed, this, [this] { fail(u"could not connect to %1"_s.arg(m_url.toString())); });
    connect(session, &BenchSession::opened, this, [this, session, credential] {
        session->send(QJsonObject{{u"op"_s, ops::Login}, {u"user"_s, credential.user},
                                  {u"password"_s, credential.password}, {u"sessionId"_s, session->sessionId()}},
                      [this, session, credential](const QJsonObject &reply, qint64) {
                          if (!reply.value(u"ok"_s).toBool()) {
                              fail(u"login as %1 failed: %2"_s.arg(
                                  credential.user, reply.value(u"error"_s).toObject().value(u"code"_s).toString()));
                              return;
                          }
                          m_tokens.append(reply.value(u"result"_s).toObject().value(u"token"_s).toString());
                          m_sessions.push_back(session);
                          loginNext();
                      });
    });
    session->open(m_url);
}

void SessionPool::openMore()
{
    if (m_failed)
        return;
    if (int(m_sessions.size()) == m_target) {
        qCInfo(lcBench) << m_target << "sessions signed in";
        m_ready = true;
        Q_EMIT ready();
        return;
    }
    while (m_inFlight < MaxInFlight && m_started < m_target) {
        ++m_inFlight;
        const QString token = m_tokens[m_started % m_tokens.size()];
        auto *session = new BenchSession(nextSessionId(), m_errors, this);
        connect(session, &BenchSession::failed, this, [this] { fail(u"a session failed while signing in"_s); });
        connect(session, &BenchSession::opened, this, [this, session, token] {
            session->send(QJsonObject{{u"op"_s, ops::Auth}, {u"token"_s, token}, {u"sessionId"_s, session->sessionId()}},
                          [this, session](const QJsonObject &reply, qint64) {
                              if (!reply.value(u"ok"_s).toBool()) {
                                  fail(u"auth failed: %1"_s.arg(
                                      reply.value(u"error"_s).toObject().value(u"code"_s).toString()));
                                  return;
                              }
                              signedIn(session);
                          });
        });
        session->open(m_url);
    }
}

void SessionPool::signedIn(BenchSession *session)
{
    --m_inFlight;
    m_sessions.push_back(session);
    if (m_sessions.size() % 1000 == 0)
        qCInfo(lcBench) << m_sessions.size() << "sessions signed in";
    openMore();
}

void SessionPool::fail(const QString &why)
{
    // After ready() a lost session is a run error, counted by the session itself.
    if (m_failed || m_ready)
        return;
    m_failed = true;
    Q_EMIT failed(why);
}

} // namespace recordlock
