// EditBuffer: dirty tracking, live updates of untouched fields, per-field conflicts, draft restore.

#include <QTest>

#include "editor/editbuffer.h"

using namespace recordlock;
using namespace Qt::StringLiterals;

namespace {

RecordData claim(qint64 version = 4)
{
    RecordData record;
    record.id = u"CL-1"_s;
    record.type = u"claim"_s;
    record.version = version;
    record.updatedBy = u"Alice Archer"_s;
    record.fields = {
        {u"title"_s, u"Water damage"_s},
        {u"status"_s, u"Open"_s},
        {u"amount"_s, u"1200"_s},
        {u"adjuster"_s, u"Bob"_s},
    };
    return record;
}

/// A record_updated payload: only the changed fields, with the new version.
RecordData changed(qint64 version, const QMap<QString, QString> &fields)
{
    RecordData record;
    record.id = u"CL-1"_s;
    record.type = u"claim"_s;
    record.version = version;
    record.updatedBy = u"Carol"_s;
    record.fields = fields;
    return record;
}

} // namespace

class TestEditBuffer : public QObject
{
    Q_OBJECT

private slots:
    void dirtyTracking();
    void editBackToServerValueIsClean();
    void discardEdits();
    void liveUpdateOfUntouchedFields();
    void liveUpdateOfTouchedFieldIsConflict();
    void theirsEqualToMineIsNoConflict();
    void staleUpdatesAreIgnored();
    void ownSaveIsNoConflictEvenWhileTypingOn();
    void resolveKeepMineOrTakeTheirs();
    void typingTheirsSettlesConflict();
    void draftRestoresOnSameVersion();
    void draftConflictsPerField();
    void draftWithoutBaseValues();
    void draftRoundTrip();
};

void TestEditBuffer::dirtyTracking()
{
    EditBuffer buffer;
    QVERIFY(!buffer.hasRecord());
    buffer.reset(claim());
    QVERIFY(buffer.hasRecord());
    QVERIFY(!buffer.isDirty());

    QVERIFY(buffer.setValue(u"status"_s, u"Approved"_s));
    QVERIFY(buffer.isDirty());
    QVERIFY(buffer.isDirty(u"status"_s));
    QVERIFY(!buffer.isDirty(u"amount"_s));
    QCOMPARE(buffer.value(u"status"_s), u"Approved"_s);
    QCOMPARE(buffer.serverValue(u"status"_s), u"Open"_s);
    QCOMPARE(buffer.baseValue(u"status"_s), u"Open"_s);
    QCOMPARE(buffer.dirtyFields(), QStringList{u"status"_s});

    QVERIFY(!buffer.setValue(u"amount"_s, u"1200"_s)); // same as the server: no edit
    QVERIFY(!buffer.isDirty(u"amount"_s));
    QVERIFY(buffer.setValue(u"notes"_s, u"new field"_s));
    QCOMPARE(buffer.dirtyFields(), (QStringList{u"notes"_s, u"status"_s}));
    QVERIFY(buffer.fieldNames().contains(u"notes"_s));
    QCOMPARE(buffer.edits().value(u"notes"_s), u"new field"_s);
}

void TestEditBuffer::editBackToServerValueIsClean()
{
    EditBuffer buffer;
    buffer.reset(claim());
    buffer.setValue(u"status"_s, u"Approved"_s);
    QVERIFY(buffer.setValue(u"status"_s, u"Open"_s));
    QVERIFY(!buffer.isDirty());
}

void TestEditBuffer::discardEdits()
{
    EditBuffer buffer;
    buffer.reset(claim());
    buffer.setValue(u"status"_s, u"Approved"_s);
    buffer.setValue(u"amount"_s, u"99"_s);
    const QStringList shownChanged = buffer.discardEdits();
    QCOMPARE(shownChanged, (QStringList{u"amount"_s, u"status"_s}));
    QVERIFY(!buffer.isDirty());
    QCOMPARE(buffer.value(u"status"_s), u"Open"_s);
}

void TestEditBuffer::liveUpdateOfUntouchedFields()
{
    EditBuffer buffer;
    buffer.reset(claim());
    buffer.setValue(u"status"_s, u"Approved"_s);

    const auto update = buffer.applyServerUpdate(changed(5, {{u"amount"_s, u"1500"_s}}), {u"amount"_s});
    QVERIFY(!update.ignored);
    QCOMPARE(update.changedFields, QStringList{u"amount"_s});
    QVERIFY(update.conflicts.isEmpty());
    QCOMPARE(buffer.value(u"amount"_s), u"1500"_s);
    QCOMPARE(buffer.serverVersion(), 5);
    QCOMPARE(buffer.server().updatedBy, u"Carol"_s);
    // The user's edit stays and is now based on version 5.
    QCOMPARE(buffer.value(u"status"_s), u"Approved"_s);
    QVERIFY(!buffer.hasConflicts());
}

void TestEditBuffer::liveUpdateOfTouchedFieldIsConflict()
{
    EditBuffer buffer;
    buffer.reset(claim());
    buffer.setValue(u"status"_s, u"Approved"_s);

    const auto update = buffer.applyServerUpdate(changed(5, {{u"status"_s, u"Rejected"_s}}), {u"status"_s});
    QCOMPARE(update.conflicts.size(), 1);
    const FieldConflict expected{u"status"_s, u"Open"_s, u"Approved"_s, u"Rejected"_s, true};
    QCOMPARE(update.conflicts.first(), expected);
    QVERIFY(buffer.hasConflicts());
    QCOMPARE(buffer.pendingConflicts().first(), expected);
    // The form keeps showing the user's value until the conflict is settled.
    QCOMPARE(buffer.value(u"status"_s), u"Approved"_s);
    QVERIFY(update.changedFields.isEmpty());
    QCOMPARE(buffer.serverValue(u"status"_s), u"Rejected"_s);

    // A second change of the same field updates the conflict, not duplicates it.
    const auto again = buffer.applyServerUpdate(changed(6, {{u"status"_s, u"Closed"_s}}), {u"status"_s});
    QCOMPARE(again.conflicts.size(), 1);
    QCOMPARE(buffer.pendingConflicts().size(), 1);
    QCOMPARE(buffer.pendingConflicts().first().theirs, u"Closed"_s);
    QCOMPARE(buffer.pendingConflicts().first().base, u"Open"_s);
}

void TestEditBuffer::theirsEqualToMineIsNoConflict()
{
    EditBuffer buffer;
    buffer.reset(claim());
    buffer.setValue(u"status"_s, u"Approved"_s);
    const auto update = buffer.applyServerUpdate(changed(5, {{u"status"_s, u"Approved"_s}}), {u"status"_s});
    QVERIFY(update.conflicts.isEmpty());
    QVERIFY(!buffer.isDirty());
    QCOMPARE(buffer.value(u"status"_s), u"Approved"_s);
}

void TestEditBuffer::staleUpdatesAreIgnored()
{
    EditBuffer buffer;
    buffer.reset(claim(4));
    QVERIFY(buffer.applyServerUpdate(changed(4, {{u"amount"_s, u"1"_s}}), {u"amount"_s}).ignored);
    QVERIFY(buffer.applyServerUpdate(changed(3, {{u"amount"_s, u"1"_s}}), {u"amount"_s}).ignored);
    RecordData older = claim(3);
    older.fields.insert(u"amount"_s, u"1"_s);
    QVERIFY(buffer.applyServerRecord(older).ignored);
    RecordData otherRecord = changed(9, {{u"amount"_s, u"1"_s}});
    otherRecord.id = u"CL-2"_s;
    QVERIFY(buffer.applyServerUpdate(otherRecord, {u"amount"_s}).ignored);
    QCOMPARE(buffer.value(u"amount"_s), u"1200"_s);
}

void TestEditBuffer::ownSaveIsNoConflictEvenWhileTypingOn()
{
    EditBuffer buffer;
    buffer.reset(claim());
    buffer.setValue(u"status"_s, u"Approved"_s);
    buffer.setValue(u"amount"_s, u"2000"_s);
    buffer.beginSave(buffer.edits());
    buffer.setValue(u"amount"_s, u"2500"_s); // typed on while the save is in flight

    const auto update = buffer.applyServerUpdate(
        changed(5, {{u"status"_s, u"Approved"_s}, {u"amount"_s, u"2000"_s}}), {u"status"_s, u"amount"_s});
    QVERIFY(update.conflicts.isEmpty());
    QCOMPARE(buffer.dirtyFields(), QStringList{u"amount"_s});
    QCOMPARE(buffer.value(u"amount"_s), u"2500"_s);
    QCOMPARE(buffer.baseValue(u"amount"_s), u"2000"_s);

    RecordData saved = claim(5);
    saved.fields.insert(u"status"_s, u"Approved"_s);
    saved.fields.insert(u"amount"_s, u"2000"_s);
    QVERIFY(buffer.applyServerRecord(saved).conflicts.isEmpty());
    buffer.endSave();
    QCOMPARE(buffer.dirtyFields(), QStringList{u"amount"_s});
    QCOMPARE(buffer.serverVersion(), 5);
}

void TestEditBuffer::resolveKeepMineOrTakeTheirs()
{
    EditBuffer buffer;
    buffer.reset(claim());
    buffer.setValue(u"status"_s, u"Approved"_s);
    buffer.setValue(u"amount"_s, u"2000"_s);
    buffer.applyServerUpdate(changed(5, {{u"status"_s, u"Rejected"_s}, {u"amount"_s, u"1500"_s}}),
                             {u"status"_s, u"amount"_s});
    QCOMPARE(buffer.pendingConflicts().size(), 2);

    const QStringList shown = buffer.resolveConflicts({{u"status"_s, true}, {u"amount"_s, false}});
    QCOMPARE(shown, QStringList{u"amount"_s});
    QVERIFY(!buffer.hasConflicts());
    QCOMPARE(buffer.value(u"status"_s), u"Approved"_s);
    QCOMPARE(buffer.baseValue(u"status"_s), u"Rejected"_s);
    QCOMPARE(buffer.value(u"amount"_s), u"1500"_s);
    QCOMPARE(buffer.dirtyFields(), QStringList{u"status"_s});
}

void TestEditBuffer::typingTheirsSettlesConflict()
{
    EditBuffer buffer;
    buffer.reset(claim());
    buffer.setValue(u"status"_s, u"Approved"_s);
    buffer.applyServerUpdate(changed(5, {{u"status"_s, u"Rejected"_s}}), {u"status"_s});
    buffer.setValue(u"status"_s, u"Approved!"_s);
    QCOMPARE(buffer.pendingConflicts().first().mine, u"Approved!"_s);
    buffer.setValue(u"status"_s, u"Rejected"_s);
    QVERIFY(!buffer.hasConflicts());
    QVERIFY(!buffer.isDirty());
}

void TestEditBuffer::draftRestoresOnSameVersion()
{
    EditBuffer buffer;
    buffer.reset(claim(4));
    Draft draft;
    draft.recordId = u"CL-1"_s;
    draft.baseVersion = 4;
    draft.edits = {{u"status"_s, u"Approved"_s}, {u"amount"_s, u"1200"_s}};
    draft.baseValues = {{u"status"_s, u"Open"_s}, {u"amount"_s, u"1200"_s}};

    const auto update = buffer.restoreDraft(draft);
    QVERIFY(update.conflicts.isEmpty());
    QCOMPARE(update.changedFields, QStringList{u"status"_s}); // amount equals the server: nothing to restore
    QCOMPARE(buffer.dirtyFields(), QStringList{u"status"_s});
    QCOMPARE(buffer.value(u"status"_s), u"Approved"_s);
}

void TestEditBuffer::draftConflictsPerField()
{
    // The draft was made on version 4; since then someone changed status and title (version 6).
    EditBuffer buffer;
    RecordData now = claim(6);
    now.fields.insert(u"status"_s, u"Rejected"_s);
    now.fields.insert(u"title"_s, u"Flood"_s);
    buffer.reset(now);

    Draft draft;
    draft.recordId = u"CL-1"_s;
    draft.baseVersion = 4;
    draft.edits = {{u"status"_s, u"Approved"_s}, {u"amount"_s, u"3000"_s}, {u"title"_s, u"Flood"_s}};
    draft.baseValues = {{u"status"_s, u"Open"_s}, {u"amount"_s, u"1200"_s}, {u"title"_s, u"Water damage"_s}};

    const auto update = buffer.restoreDraft(draft);
    QCOMPARE(update.conflicts.size(), 1);
    QCOMPARE(update.conflicts.first(), (FieldConflict{u"status"_s, u"Open"_s, u"Approved"_s, u"Rejected"_s, true}));
    // amount was not changed by them: restored silently; title equals theirs: nothing to restore.
    QCOMPARE(buffer.dirtyFields(), (QStringList{u"amount"_s, u"status"_s}));
    QCOMPARE(buffer.value(u"amount"_s), u"3000"_s);
    QCOMPARE(buffer.value(u"title"_s), u"Flood"_s);

    buffer.resolveConflicts({{u"status"_s, false}});
    QCOMPARE(buffer.value(u"status"_s), u"Rejected"_s);
    QCOMPARE(buffer.dirtyFields(), QStringList{u"amount"_s});
}

void TestEditBuffer::draftWithoutBaseValues()
{
    EditBuffer buffer;
    buffer.reset(claim(5));
    Draft draft;
    draft.recordId = u"CL-1"_s;
    draft.baseVersion = 4;
    draft.edits = {{u"status"_s, u"Approved"_s}};
    const auto update = buffer.restoreDraft(draft);
    QCOMPARE(update.conflicts.size(), 1);
    QVERIFY(!update.conflicts.first().baseKnown);

    EditBuffer same;
    same.reset(claim(4));
    QVERIFY(same.restoreDraft(draft).conflicts.isEmpty());
    QVERIFY(same.isDirty(u"status"_s));
}

void TestEditBuffer::draftRoundTrip()
{
    EditBuffer buffer;
    buffer.reset(claim(4));
    buffer.setValue(u"status"_s, u"Approved"_s);
    buffer.applyServerUpdate(changed(5, {{u"status"_s, u"Rejected"_s}}), {u"status"_s});
    const Draft draft = buffer.toDraft(123);
    QCOMPARE(draft.baseVersion, 5);
    QCOMPARE(draft.baseValues.value(u"status"_s), u"Open"_s);
    QCOMPARE(draft.savedAt, 123);
    QCOMPARE(Draft::fromJson(draft.toJson()), std::optional<Draft>(draft));

    // Reopened later on the same version: the unresolved conflict comes back.
    EditBuffer reopened;
    RecordData now = claim(5);
    now.fields.insert(u"status"_s, u"Rejected"_s);
    reopened.reset(now);
    QCOMPARE(reopened.restoreDraft(draft).conflicts.size(), 1);
}

QTEST_GUILESS_MAIN(TestEditBuffer)
#include "tst_editbuffer.moc"
