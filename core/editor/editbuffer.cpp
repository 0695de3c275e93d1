#include "editor/editbuffer.h"

#include <algorithm>

namespace recordlock {

void EditBuffer::reset(const RecordData &record)
{
    m_server = record;
    m_edits.clear();
    m_base.clear();
    m_inFlight.clear();
    m_conflicts.clear();
}

void EditBuffer::clear()
{
    reset(RecordData{});
}

QString EditBuffer::value(const QString &field) const
{
    const auto edit = m_edits.constFind(field);
    return edit != m_edits.cend() ? *edit : m_server.fields.value(field);
}

QString EditBuffer::serverValue(const QString &field) const
{
    return m_server.fields.value(field);
}

QString EditBuffer::baseValue(const QString &field) const
{
    const auto base = m_base.constFind(field);
    return base != m_base.cend() ? *base : m_server.fields.value(field);
}

QStringList EditBuffer::fieldNames() const
{
    QStringList names = m_server.fields.keys();
    for (auto it = m_edits.cbegin(); it != m_edits.cend(); ++it) {
        if (!m_server.fields.contains(it.key()))
            names.append(it.key());
    }
    std::sort(names.begin(), names.end());
    return names;
}

bool EditBuffer::setValue(const QString &field, const QString &value)
{
    const QString before = this->value(field);
    const auto conflict = std::find_if(m_conflicts.begin(), m_conflicts.end(),
                                       [&field](const FieldConflict &c) { return c.field == field; });
    if (conflict != m_conflicts.end()) {
        // Typing theirs settles the conflict; anything else is the user's new "mine".
        if (value == serverValue(field)) {
            m_conflicts.erase(conflict);
            m_edits.remove(field);
            m_base.remove(field);
        } else {
            conflict->mine = value;
            m_edits.insert(field, value);
        }
    } else if (m_edits.contains(field)) {
        if (value == m_base.value(field)) {
            m_edits.remove(field);
            m_base.remove(field);
        } else {
            m_edits.insert(field, value);
        }
    } else if (value != serverValue(field)) {
        m_edits.insert(field, value);
        m_base.insert(field, serverValue(field));
    }
    return this->value(field) != before;
}

QStringList EditBuffer::discardEdits()
{
    QStringList changed;
    for (auto it = m_edits.cbegin(); it != m_edits.cend(); ++it) {
        if (it.value() != serverValue(it.key()))
            changed.append(it.key());
    }
    m_edits.clear();
    m_base.clear();
    m_conflicts.clear();
    return changed;
}

void EditBuffer::beginSave(const QMap<QString, QString> &sent)
{
    m_inFlight = sent;
}

void EditBuffer::endSave()
{
    m_inFlight.clear();
}

EditBuffer::Update EditBuffer::applyServerUpdate(const RecordData &changedOnly, const QStringList &changedFields)
{
    if (!hasRecord() || changedOnly.id != m_server.id || changedOnly.version <= m_server.version)
        return Update{{}, {}, true};
    return applyChangedFields(changedOnly, changedFields);
}

EditBuffer::Update EditBuffer::applyServerRecord(const RecordData &full)
{
    if (!hasRecord() || full.id != m_server.id || full.version < m_server.version)
        return Update{{}, {}, true};
    return applyChangedFields(full, full.fields.keys());
}

EditBuffer::Update EditBuffer::applyChangedFields(const RecordData &incoming, const QStringList &fields)
{
    Update update;
    for (const QString &field : fields) {
        const auto theirsIt = incoming.fields.constFind(field);
        if (theirsIt == incoming.fields.cend())
            continue;
        const QString theirs = *theirsIt;
        const QString shownBefore = value(field);
        m_server.fields.insert(field, theirs);

        if (m_edits.contains(field)) {
            const QString mine = m_edits.value(field);
            const auto conflict = std::find_if(m_conflicts.begin(), m_conflicts.end(),
                                               [&field](const FieldConflict &c) { return c.field == field; });
            if (mine == theirs) {
                // Both sides agree (often our own save coming back): nothing left to edit.
                m_edits.remove(field);
                m_base.remove(field);
                if (conflict != m_conflicts.end())
                    m_conflicts.erase(conflict);
            } else if (m_inFlight.contains(field) && m_inFlight.value(field) == theirs) {
                // Our own save landed while the user kept typing: the saved value is the new base.
                m_base.insert(field, theirs);
            } else if (theirs != m_base.value(field)) {
                const FieldConflict found{field, m_base.value(field), mine, theirs,
                                          conflict == m_conflicts.end() || conflict->baseKnown};
                if (conflict == m_conflicts.end()) {
                    m_conflicts.append(found);
                    update.conflicts.append(found);
                } else if (*conflict != found) {
                    *conflict = found;
                    update.conflicts.append(found);
                }
            }
        }
        if (value(field) != shownBefore)
            update.changedFields.append(field);
    }
    m_server.version = incoming.version;
    if (incoming.updatedAt != 0)
        m_server.updatedAt = incoming.updatedAt;
    if (!incoming.updatedBy.isEmpty())
        m_server.updatedBy = incoming.updatedBy;
    if (!incoming.type.isEmpty())
        m_server.type = incoming.type;
    return update;
}

EditBuffer::Update EditBuffer::restoreDraft(const Draft &draft)
{
    Update update;
    if (!hasRecord() || draft.recordId != m_server.id)
        return Update{{}, {}, true};
    for (auto it = draft.edits.cbegin(); it != draft.edits.cend(); ++it) {
        const QString &field = it.key();
        const QString &mine = it.value();
        const QString theirs = serverValue(field);
        // Edits made in this session are newer than anything on disk.
        if (m_edits.contains(field) || mine == theirs)
            continue;
        const bool baseKnown = draft.baseValues.contains(field);
        const QString base = draft.baseValues.value(field);
        const bool unchangedByThem = baseKnown ? base == theirs : draft.baseVersion == m_server.version;
        m_edits.insert(field, mine);
        if (unchangedByThem) {
            m_base.insert(field, theirs);
        } else {
            m_base.insert(field, base);
            const FieldConflict conflict{field, base, mine, theirs, baseKnown};
            m_conflicts.append(conflict);
            update.conflicts.append(conflict);
        }
        update.changedFields.append(field);
    }
    return update;
}

Draft EditBuffer::toDraft(qint64 savedAt) const
{
    Draft draft;
    draft.recordId = m_server.id;
    draft.baseVersion = m_server.version;
    draft.edits = m_edits;
    for (auto it = m_edits.cbegin(); it != m_edits.cend(); ++it)
        draft.baseValues.insert(it.key(), baseValue(it.key()));
    draft.savedAt = savedAt;
    return draft;
}

QStringList EditBuffer::resolveConflicts(const QMap<QString, bool> &keepMine)
{
    QStringList changed;
    for (const FieldConflict &conflict : std::as_const(m_conflicts)) {
        const QString theirs = serverValue(conflict.field);
        if (keepMine.value(conflict.field, false) && m_edits.value(conflict.field) != theirs) {
            // The user's value now stands on top of theirs, which becomes the new base.
            m_base.insert(conflict.field, theirs);
        } else {
            if (m_edits.value(conflict.field) != theirs)
                changed.append(conflict.field);
            m_edits.remove(conflict.field);
            m_base.remove(conflict.field);
        }
    }
    m_conflicts.clear();
    return changed;
}

} // namespace recordlock
