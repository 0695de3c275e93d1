#pragma once

#include "editor/draft.h"
#include "editor/fieldconflict.h"
#include "protocol/recorddata.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace recordlock {

/// The server record of one editor plus the user's edits on top of it, and the conflicts between.
///
/// Pure data, no signals: EditorController turns its results into signals. Every edit remembers
/// the server value it was made against (its base), so a later server change of that field is a
/// conflict while changes to other fields simply show through. Non-conflicting updates rebase the
/// edits onto the new version at once, so serverVersion() is always the version to save against.
class EditBuffer
{
public:
    /// What a server update or draft restore did to the buffer.
    struct Update
    {
        /// Fields whose displayed value changed (server value shown, or an edit dropped/restored).
        QStringList changedFields;
        /// Fields both sides changed; they stay pending until resolveConflicts().
        QList<FieldConflict> conflicts;
        /// True when the update was older than the record already known and was ignored.
        bool ignored = false;
    };

    /// An empty buffer (no record).
    EditBuffer() = default;

    /// Takes record as the server state and drops all edits and conflicts.
    void reset(const RecordData &record);
    /// Forgets record and edits.
    void clear();
    /// True once reset() was given a record.
    bool hasRecord() const { return !m_server.id.isEmpty(); }

    /// The server's record as last known (all fields).
    const RecordData &server() const { return m_server; }
    /// The version saves are based on: the server's version.
    qint64 serverVersion() const { return m_server.version; }
    /// The value the form shows: the edit if there is one, else the server's value.
    QString value(const QString &field) const;
    /// The server's value of field.
    QString serverValue(const QString &field) const;
    /// The server's value field was edited from; the server value when it is not edited.
    QString baseValue(const QString &field) const;
    /// Every field name of the record plus edited ones, sorted.
    QStringList fieldNames() const;

    /// Sets the user's value; an edit equal to its base is dropped. Returns true when it changed.
    bool setValue(const QString &field, const QString &value);
    /// True when field has an edit.
    bool isDirty(const QString &field) const { return m_edits.contains(field); }
    /// True when any field has an edit.
    bool isDirty() const { return !m_edits.isEmpty(); }
    /// Edited field names, sorted.
    QStringList dirtyFields() const { return m_edits.keys(); }
    /// The edits: field → user's value.
    const QMap<QString, QString> &edits() const { return m_edits; }
    /// Drops every edit and pending conflict; returns the fields whose displayed value changed.
    QStringList discardEdits();

    /// Remembers the values a save is sending, so its own record_updated is not taken for a conflict.
    void beginSave(const QMap<QString, QString> &sent);
    /// The save finished (either way): the sent values no longer count as in flight.
    void endSave();
    /// Applies record_updated (only the changed fields); ignored when not newer than server().
    Update applyServerUpdate(const RecordData &changedOnly, const QStringList &changedFields);
    /// Applies a full record (get_record or a save's result); ignored when older than server().
    Update applyServerRecord(const RecordData &full);

    /// Restores a draft onto the current server record: edits whose base is still the server's
    /// value come back silently, edits equal to the server's value are dropped, the rest conflict.
    Update restoreDraft(const Draft &draft);
    /// The draft of the current edits; empty edits when nothing is dirty.
    Draft toDraft(qint64 savedAt) const;

    /// Conflicts waiting for the user's choice.
    const QList<FieldConflict> &pendingConflicts() const { return m_conflicts; }
    /// True while conflicts wait for resolveConflicts().
    bool hasConflicts() const { return !m_conflicts.isEmpty(); }
    /// Settles pending conflicts: keepMine[field] true keeps the user's value (now based on theirs),
    /// false or absent takes theirs. Returns the fields whose displayed value changed.
    QStringList resolveConflicts(const QMap<QString, bool> &keepMine);

private:
    Update applyChangedFields(const RecordData &incoming, const QStringList &fields);
    void addConflict(const FieldConflict &conflict);

    RecordData m_server;
    QMap<QString, QString> m_edits;
    QMap<QString, QString> m_base;
    QMap<QString, QString> m_inFlight;
    QList<FieldConflict> m_conflicts;
};

} // namespace recordlock
