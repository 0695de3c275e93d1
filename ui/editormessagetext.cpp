#include "ui/editormessagetext.h"

#include <QDateTime>
#include <QLocale>

#include "ui/fieldcatalog.h"
#include "ui/timetext.h"

using namespace Qt::StringLiterals;

namespace recordlock {

QString EditorMessageText::saveFailed(const ProtocolError &error)
{
    switch (error.code) {
    case ErrorCode::NoLock:
    case ErrorCode::NotHolder:
    case ErrorCode::StaleToken:
        return tr("Not saved: this window no longer holds the lock. Your changes are kept as a draft.");
    case ErrorCode::StaleVersion:
        return tr("Not saved: someone else changed this record in the meantime. Your changes are kept; "
                  "review the differences, then save again.");
    case ErrorCode::Unavailable:
        return tr("Not saved: the server or its database cannot be reached right now. Your changes are kept; "
                  "save again in a moment.");
    case ErrorCode::NotFound:
        return tr("Not saved: this record no longer exists. Your changes are kept as a draft.");
    case ErrorCode::InvalidArgument:
        return tr("Not saved: a value is too long or not allowed. Your changes are kept.");
    case ErrorCode::Forbidden:
        return tr("Not saved: you are not allowed to change this record. Your changes are kept as a draft.");
    case ErrorCode::RateLimited:
        return tr("Not saved: the server is busy. Your changes are kept; try again in a moment.");
    default:
        return tr("Not saved because of a problem on the server. Your changes are kept; try again later.");
    }
}

QString EditorMessageText::saveFailedTakenOver(const QString &byName)
{
    if (byName.isEmpty())
        return tr("An administrator took over editing. Your changes are kept as a draft.");
    return tr("%1 took over editing. Your changes are kept as a draft.").arg(byName);
}

QString EditorMessageText::takeOverFailed(const ProtocolError &error, const QString &newHolderName)
{
    switch (error.code) {
    case ErrorCode::LockChanged:
        if (newHolderName.isEmpty())
            return tr("Nothing was taken over: the lock was released meanwhile and nobody holds it now. Close this "
                      "dialog and click Edit to edit the record.");
        return tr("Nothing was taken over: %1 holds the lock now. Check the details above, then take over again "
                  "if you still need to.")
            .arg(newHolderName);
    case ErrorCode::Forbidden:
        return tr("Nothing was taken over: only administrators may take over editing, and the server says your "
                  "account is not one (any more).");
    case ErrorCode::InvalidArgument:
        return tr("Nothing was taken over: the reason must be 3 to 500 characters long.");
    case ErrorCode::NotFound:
        return tr("Nothing was taken over: this record no longer exists.");
    case ErrorCode::Unavailable:
        return tr("Nothing was taken over: the server or its lock store cannot be reached right now. Try again "
                  "in a moment.");
    case ErrorCode::RateLimited:
        return tr("Nothing was taken over: the server is busy. Try again in a moment.");
    default:
        return tr("Nothing was taken over because of a problem on the server. Try again later.");
    }
}

QString EditorMessageText::editRequestFailed(const ProtocolError &error, const QString &holderName)
{
    switch (error.code) {
    case ErrorCode::LockHeld:
        if (!holderName.isEmpty())
            return tr("%1 is editing this record, so it stays read-only. Anything you typed is kept as a draft.")
                .arg(holderName);
        return tr("Someone else is editing this record, so it stays read-only. Anything you typed is kept as a draft.");
    case ErrorCode::Unavailable:
        return tr("The lock cannot be requested right now: the server or its lock store is unreachable. Anything "
                  "you typed is kept; try again in a moment.");
    case ErrorCode::NotFound:
        return tr("This record no longer exists.");
    default:
        return tr("The lock could not be requested because of a problem on the server. Try again later.");
    }
}

QString EditorMessageText::loadFailed(const ProtocolError &error)
{
    switch (error.code) {
    case ErrorCode::NotFound:
        return tr("This record no longer exists.");
    case ErrorCode::Unavailable:
        return tr("This record cannot be loaded while the server is unreachable. It loads as soon as the "
                  "connection is back.");
    default:
        return tr("This record could not be loaded because of a problem on the server.");
    }
}

QString EditorMessageText::saveUnavailable(bool offline, bool conflicts, const QString &holderName, bool saving,
                                           bool editing)
{
    if (offline)
        return tr("Save is unavailable while offline; your changes are kept.");
    if (conflicts)
        return tr("Save is unavailable until the conflicting changes are resolved.");
    if (!holderName.isEmpty())
        return tr("Save is unavailable: %1 is editing this record.").arg(holderName);
    if (saving)
        return tr("Saving…");
    if (!editing)
        return tr("Save is unavailable until you start editing (Ctrl+E).");
    return tr("Save is unavailable: there are no changes.");
}

QString EditorMessageText::recordSummary(const RecordData &record)
{
    const QString type = FieldCatalog::typeName(record.type);
    if (record.updatedBy.isEmpty() || record.updatedAt <= 0)
        return tr("%1 %2 · version %3").arg(type, record.id).arg(record.version);
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(record.updatedAt).toLocalTime();
    const QString at = when.date() == QDate::currentDate() ? TimeText::clock(record.updatedAt)
                                                           : QLocale().toString(when, QLocale::ShortFormat);
    return tr("%1 %2 · version %3 · last saved by %4 at %5")
        .arg(type, record.id, QString::number(record.version), record.updatedBy, at);
}

} // namespace recordlock
