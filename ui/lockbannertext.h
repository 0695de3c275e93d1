#pragma once

#include <QCoreApplication>
#include <QString>

#include "client/lockstate.h"
#include "ui/statusicons.h"
#include "ui/tone.h"

namespace recordlock {

/// Turns what is known about a record's lock into the banner's sentence, detail, icon and tone.
///
/// Pure: the same facts always give the same words, so every state can be tested, translated and
/// screenshotted without a server. The sentence is stable while the state lasts (it names clock
/// times, not countdowns) because it is also the accessible name, and screen readers announce a
/// name change; the live countdown goes into the detail line.
class LockBannerText
{
    Q_DECLARE_TR_FUNCTIONS(LockBannerText)

public:
    /// Which message the banner shows.
    enum class Kind {
        Loading,            ///< nothing known yet
        Available,          ///< free: click Edit
        Pending,            ///< asked for the lock, waiting for the server
        Editing,            ///< this window holds the lock
        RenewalFailing,     ///< this window holds it, but renewing failed
        IdleWarning,        ///< this window holds it; released soon for inactivity
        EditingElsewhere,   ///< the same user holds it in another window
        HeldByOther,        ///< someone else holds it
        HolderDisconnected, ///< someone else holds it but their connection is gone
        Offline,            ///< no connection: lock status unknown
        Lost,               ///< this window's lock went away (expired, released, switched, ...)
        TakenOver,          ///< an administrator took this window's lock over
    };

    /// Everything the banner's words depend on. Times are server-clock ms since the epoch.
    struct Facts
    {
        LockState::Status status = LockState::Status::Unknown;
        QString holderName;
        qint64 since = 0;
        qint64 expiresAt = 0;
        bool holderConnected = true;
        qint64 orphanDeadline = 0;
        /// The server's clock now, for countdowns.
        qint64 serverNow = 0;
        /// The last renewal of this window's lock failed.
        bool renewalFailing = false;
        /// The idle countdown runs; idleRemainingMs is left of it.
        bool idleWarning = false;
        qint64 idleRemainingMs = 0;
        /// Why this window's lock went away (LockState::lockLost reasons); empty when it did not.
        QString lostReason;
        /// The user has unsaved changes (kept as a draft).
        bool hasUnsavedChanges = false;
        /// While Offline: the last known holder was this window.
        bool lastKnownMine = false;
        /// With lostReason "overridden": the administrator who took the lock, and why.
        QString overriddenBy;
        QString overrideReason;
        /// The user may take the lock over (an administrator viewing someone else's lock).
        bool canTakeOver = false;
    };

    /// The banner's content.
    struct Content
    {
        Kind kind = Kind::Loading;
        /// One sentence; also the accessible name.
        QString sentence;
        /// The second line: countdown and what to do; also the accessible description.
        QString detail;
        StatusIcon icon = StatusIcon::Pending;
        Tone tone = Tone::Neutral;
        /// Show the "Edit here instead" button.
        bool offerSwitchHere = false;
        /// Show the "Keep editing" button.
        bool offerKeepEditing = false;
        /// Show the "Take over editing…" button (administrators only).
        bool offerTakeOver = false;
        /// Worth interrupting a screen reader for (an accessibility Alert).
        bool important = false;
    };

    /// The content for facts.
    static Content compose(const Facts &facts);
    /// Why a lock was lost, as a sentence (used by the banner and in messages).
    static QString lostSentence(const QString &reason, bool hasUnsavedChanges);
    /// "Taken over by Carol White: <reason>", the displaced holder's sentence.
    static QString takenOverSentence(const QString &byName, const QString &reason);

private:
    static Content composeHeld(const Facts &facts);
    static Content composeOther(const Facts &facts);
    static Content composeTakenOver(const Facts &facts);
};

} // namespace recordlock
