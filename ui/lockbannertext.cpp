#include "ui/lockbannertext.h"

#include <algorithm>

#include "editor/editorcontroller.h"
#include "protocol/names.h"
#include "ui/timetext.h"

using namespace Qt::StringLiterals;

namespace recordlock {

LockBannerText::Content LockBannerText::compose(const Facts &facts)
{
    using Status = LockState::Status;
    Content c;
    // Taken over: read-only at once, naming the administrator and the reason, until the user edits
    // again (or moves on); the normal sentences take over only when offline.
    if (facts.lostReason == LockState::ReasonOverridden
        && (facts.status == Status::HeldByOther || facts.status == Status::Free || facts.status == Status::Unknown))
        return composeTakenOver(facts);
    // A lost lock stays on screen until the user acts or someone else takes the record, so the
    // reason is not replaced by a plain "Available" a moment later.
    if (!facts.lostReason.isEmpty() && (facts.status == Status::Free || facts.status == Status::Unknown)) {
        c.kind = Kind::Lost;
        c.sentence = lostSentence(facts.lostReason, facts.hasUnsavedChanges);
        c.detail = tr("Nobody holds the lock now: click Edit to lock the record again.");
        c.icon = StatusIcon::Lost;
        c.tone = Tone::Danger;
        c.important = true;
        return c;
    }

    switch (facts.status) {
    case Status::Unknown:
        c.kind = Kind::Loading;
        c.sentence = tr("Checking whether someone is editing this record…");
        c.icon = StatusIcon::Pending;
        c.tone = Tone::Neutral;
        return c;
    case Status::Free:
        c.kind = Kind::Available;
        c.sentence = tr("Available — click Edit to edit");
        c.detail = tr("Nobody is editing this record. Typing in a field also starts editing.");
        c.icon = StatusIcon::Free;
        c.tone = Tone::Info;
        return c;
    case Status::Pending:
        c.kind = Kind::Pending;
        c.sentence = tr("Requesting the lock…");
        c.detail = tr("Waiting for the server. Anything you type is kept.");
        c.icon = StatusIcon::Pending;
        c.tone = Tone::Neutral;
        return c;
    case Status::HeldByMe:
        return composeHeld(facts);
    case Status::HeldByMeElsewhere:
        c.kind = Kind::EditingElsewhere;
        c.sentence = tr("You are editing this record in another window");
        c.detail = tr("Since %1 · lock expires %2. Choose Edit here instead to continue in this window.")
                       .arg(TimeText::clock(facts.since), TimeText::clock(facts.expiresAt));
        c.icon = StatusIcon::HeldElsewhere;
        c.tone = Tone::Info;
        c.offerSwitchHere = true;
        c.important = true;
        return c;
    case Status::HeldByOther:
        if (!facts.lostReason.isEmpty()) {
            // Our lock is gone and someone else has the record now: both facts matter.
            c = composeOther(facts);
            c.kind = Kind::Lost;
            c.sentence = lostSentence(facts.lostReason, facts.hasUnsavedChanges);
            c.detail = tr("Now being edited by %1 since %2 · lock expires %3.")
                           .arg(facts.holderName, TimeText::clock(facts.since), TimeText::clock(facts.expiresAt));
            c.icon = StatusIcon::Lost;
            c.tone = Tone::Danger;
            c.important = true;
            return c;
        }
        c = composeOther(facts);
        c.offerTakeOver = facts.canTakeOver;
        return c;
    case Status::Offline:
        c.kind = Kind::Offline;
        c.sentence = tr("Offline — lock status unknown; your changes are kept; Save resumes when reconnected");
        if (facts.lastKnownMine)
            c.detail = tr("You were editing; the server keeps your lock for a short while, so you can carry on "
                          "when the connection is back.");
        else if (!facts.holderName.isEmpty())
            c.detail = tr("Last known: being edited by %1 until %2.")
                           .arg(facts.holderName, TimeText::clock(facts.expiresAt));
        c.icon = StatusIcon::Offline;
        c.tone = Tone::Neutral;
        c.important = true;
        return c;
    }
    return c;
}

LockBannerText::Content LockBannerText::composeHeld(const Facts &facts)
{
    Content c;
    const QString expires = TimeText::clock(facts.expiresAt);
    const QString left = TimeText::duration(facts.expiresAt - facts.serverNow);
    if (facts.idleWarning) {
        c.kind = Kind::IdleWarning;
        c.sentence = tr("Are you still editing? The lock is released soon because of inactivity");
        c.detail = tr("Releasing in %1 · your changes are kept as a draft · choose Keep editing to continue.")
                       .arg(TimeText::duration(facts.idleRemainingMs));
        c.icon = StatusIcon::Idle;
        c.tone = Tone::Warning;
        c.offerKeepEditing = true;
        c.important = true;
        return c;
    }
    if (facts.renewalFailing) {
        c.kind = Kind::RenewalFailing;
        c.sentence = tr("Lock renewal is failing · your lock expires %1 · save soon").arg(expires);
        c.detail = tr("Expires in %1. Retrying automatically; your changes are kept as a draft.").arg(left);
        c.icon = StatusIcon::Warning;
        c.tone = Tone::Warning;
        c.important = true;
        return c;
    }
    c.kind = Kind::Editing;
    c.sentence = tr("You are editing · lock renews automatically · expires %1").arg(expires);
    c.detail = tr("Others see that you are editing. Lock expires in %1 unless renewed.").arg(left);
    c.icon = StatusIcon::HeldByMe;
    c.tone = Tone::Success;
    return c;
}

LockBannerText::Content LockBannerText::composeOther(const Facts &facts)
{
    Content c;
    const QString since = TimeText::clock(facts.since);
    const QString expires = TimeText::clock(facts.expiresAt);
    if (!facts.holderConnected) {
        c.kind = Kind::HolderDisconnected;
        c.sentence = tr("Being edited by %1 since %2 · lock expires %3 · %1 is disconnected")
                         .arg(facts.holderName, since, expires);
        const qint64 freedAt = facts.orphanDeadline > 0 ? std::min(facts.orphanDeadline, facts.expiresAt)
                                                        : facts.expiresAt;
        c.detail = tr("Read-only. The lock is freed at %1 (in %2) unless %3 reconnects.")
                       .arg(TimeText::clock(freedAt), TimeText::duration(freedAt - facts.serverNow),
                            facts.holderName);
        c.icon = StatusIcon::HolderDisconnected;
        c.tone = Tone::Neutral;
        c.important = true;
        return c;
    }
    c.kind = Kind::HeldByOther;
    c.sentence = tr("Being edited by %1 since %2 · lock expires %3").arg(facts.holderName, since, expires);
    c.detail = tr("Read-only while %1 edits. Lock expires in %2 unless renewed; you will see at once when it is free.")
                   .arg(facts.holderName, TimeText::duration(facts.expiresAt - facts.serverNow));
    c.icon = StatusIcon::HeldByOther;
    c.tone = Tone::Busy;
    c.important = true;
    return c;
}

LockBannerText::Content LockBannerText::composeTakenOver(const Facts &facts)
{
    Content c;
    c.kind = Kind::TakenOver;
    c.sentence = takenOverSentence(facts.overriddenBy, facts.overrideReason);
    if (facts.status == LockState::Status::HeldByOther) {
        const QString holder = tr("Read-only while %1 edits (since %2 · lock expires %3).")
                                   .arg(facts.holderName, TimeText::clock(facts.since), TimeText::clock(facts.expiresAt));
        c.detail = facts.hasUnsavedChanges
            ? holder + u' ' + tr("Your changes are kept as a draft; you can continue once the record is free.")
            : holder;
        c.offerTakeOver = facts.canTakeOver;
    } else {
        c.detail = facts.hasUnsavedChanges
            ? tr("Nobody holds the lock now: click Edit to lock the record again and continue with your kept changes.")
            : tr("Nobody holds the lock now: click Edit to lock the record again.");
    }
    c.icon = StatusIcon::Lost;
    c.tone = Tone::Danger;
    c.important = true;
    return c;
}

QString LockBannerText::takenOverSentence(const QString &byName, const QString &reason)
{
    const QString by = byName.isEmpty() ? tr("an administrator") : byName;
    if (reason.trimmed().isEmpty())
        return tr("Taken over by %1").arg(by);
    // One line: a reason typed over several lines reads as one sentence here.
    return tr("Taken over by %1: %2").arg(by, reason.simplified());
}

QString LockBannerText::lostSentence(const QString &reason, bool hasUnsavedChanges)
{
    const QString kept = hasUnsavedChanges ? tr("your changes are kept as a draft") : tr("you have no unsaved changes");
    if (reason == LockState::ReasonExpired)
        return tr("Your lock expired — %1").arg(kept);
    if (reason == LockState::ReasonOverridden)
        return tr("An administrator took over this record — %1").arg(kept);
    if (reason == reasons::Switched)
        return tr("Editing moved to your other window — %1").arg(kept);
    if (reason == reasons::Disconnected)
        return tr("Your lock was freed while you were offline — %1").arg(kept);
    if (reason == EditorController::ReasonIdle)
        return tr("Lock released after a period of inactivity — %1").arg(kept);
    if (reason == reasons::Released || reason == reasons::Logout)
        return tr("Your lock was released — %1").arg(kept);
    return tr("You no longer hold the lock — %1").arg(kept);
}

} // namespace recordlock
