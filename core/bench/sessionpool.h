#pragma once

#include <vector>

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

namespace recordlock {

class BenchSession;
class ErrorTally;

/// Opens and signs in many sessions. Each user logs in once (argon2id costs tens of
/// milliseconds); every further session of that user signs in with `auth` and the token,
/// under its own session id. A bounded number of connections is in flight at a time.
class SessionPool : public QObject
{
    Q_OBJECT

public:
    /// A user name and password to log in with.
    struct Credential
    {
        QString user;
        QString password;
    };

    SessionPool(QUrl url, QList<Credential> credentials, ErrorTally &errors, QObject *parent = nullptr);
    ~SessionPool() override;

    /// Opens count sessions (at least one per credential); ready() or failed() follows.
    void open(int count);
    /// Closes every session on purpose.
    void closeAll();

    /// Signed-in sessions so far.
    int size() const { return int(m_sessions.size()); }
    /// Session i (0 ≤ i < size()), owned by the pool.
    BenchSession *session(int i) const { return m_sessions[std::size_t(i)]; }

Q_SIGNALS:
    /// All sessions are signed in.
    void ready();
    /// A session could not be opened or signed in.
    void failed(const QString &why);

private:
    void loginNext();
    void openMore();
    void signedIn(BenchSession *session);
    void fail(const QString &why);
    QString nextSessionId();

    QUrl m_url;
    QList<Credential> m_credentials;
    QList<QString> m_tokens;
    ErrorTally &m_errors;
    std::vector<BenchSession *> m_sessions;
    QString m_runTag;
    int m_target = 0;
    int m_started = 0;
    int m_inFlight = 0;
    bool m_failed = false;
    bool m_ready = false;
};

} // namespace recordlock
