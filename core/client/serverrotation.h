#pragma once

#include <QList>
#include <QUrl>

#include "client/backoff.h"

namespace recordlock {

class Clock;

/// Which server a Connection tries next, and when: round robin over the server list, with the
/// Backoff applied only once every server has failed in a row.
///
/// A dropped link is retried on the same server after a backoff delay: a blip must not move a
/// client to another instance while the first one still serves the others. A failed attempt (a
/// connection refused, a failed resume) moves on to the next server at once, until each server
/// has failed since the last success; the next attempt is then due after the backoff's delay, and
/// so on for each further full pass. A successful sign-in ends the run of failures; the backoff
/// starts over only once a link has stayed up for StableLinkMs, so a server that accepts and then
/// drops every link is not hammered. With one server this is plain backoff.
class ServerRotation
{
public:
    /// What to do after a failure.
    struct Step
    {
        /// The server to try next.
        QUrl server;
        /// Milliseconds to wait before trying it: 0 while this pass has untried servers.
        qint64 delayMs = 0;
        /// This failure completed a pass: every server failed since the last success.
        bool passFailed = false;
    };

    /// clock must outlive the rotation; it dates the next attempt (dueInMs()).
    explicit ServerRotation(const Clock &clock, const Backoff &backoff = Backoff());

    /// Replaces the list; the first server is current and earlier failures are forgotten.
    void setServers(const QList<QUrl> &servers);
    /// The list given to setServers().
    const QList<QUrl> &servers() const { return m_servers; }
    /// The server in use or to try next; empty before setServers() with a non-empty list.
    QUrl current() const;
    /// The index of current() in servers().
    qsizetype currentIndex() const { return m_index; }

    /// How long a link must stay up before a drop starts the backoff over.
    static constexpr qint64 StableLinkMs = 30'000;

    /// An attempt on the current server failed: moves to the next and says when to try it;
    /// counts the failure.
    Step fail();
    /// The signed-in link on current() dropped: try the same server again after a backoff delay.
    Step drop();
    /// Signed in on current(): the run of failures ends (the backoff starts over at the next
    /// drop() if the link stayed up for StableLinkMs).
    void succeed();
    /// Starts a new pass at current() (e.g. a new sign-in after giving up), with a fresh backoff.
    void restart();

    /// Failures in a row (a drop counts as the first) since the last succeed(), restart() or setServers().
    int failures() const { return m_failures; }
    /// Milliseconds until the attempt scheduled by the last fail() is due; 0 once due.
    qint64 dueInMs() const;

    /// Replaces the backoff applied after each failed pass.
    void setBackoff(const Backoff &backoff);
    /// The backoff applied after each failed pass.
    const Backoff &backoff() const { return m_backoff; }

private:
    const Clock &m_clock;
    Backoff m_backoff;
    QList<QUrl> m_servers;
    qsizetype m_index = 0;
    int m_failures = 0;
    qint64 m_dueAtMs = 0;
    qint64 m_signedInAtMs = 0;
    /// Failed attempts since the current pass over the list began.
    int m_passFailures = 0;
};

} // namespace recordlock
