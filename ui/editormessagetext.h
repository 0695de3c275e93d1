#pragma once

#include <QCoreApplication>
#include <QString>

#include "protocol/protocolerror.h"
#include "protocol/recorddata.h"

namespace recordlock {

/// The editor's messages in words: why a save, an edit request or a load failed; never a raw code.
class EditorMessageText
{
    Q_DECLARE_TR_FUNCTIONS(EditorMessageText)

public:
    /// Why save_record failed, and that the edits are kept.
    static QString saveFailed(const ProtocolError &error);
    /// A save refused because an administrator (byName) took the lock over.
    static QString saveFailedTakenOver(const QString &byName);
    /// Why an admin override failed; newHolderName is who holds the lock now (empty: nobody) for lock_changed.
    static QString takeOverFailed(const ProtocolError &error, const QString &newHolderName);
    /// Why asking for the lock failed; holderName is the current holder, if known.
    static QString editRequestFailed(const ProtocolError &error, const QString &holderName);
    /// Why the record could not be opened.
    static QString loadFailed(const ProtocolError &error);
    /// Why Save is disabled (the Save button's accessible description); holderName when someone else edits.
    static QString saveUnavailable(bool offline, bool conflicts, const QString &holderName, bool saving,
                                   bool editing);
    /// "Claim CL-2026-0042 · version 4 · last saved by Bob Baker at 14:05".
    static QString recordSummary(const RecordData &record);
};

} // namespace recordlock
