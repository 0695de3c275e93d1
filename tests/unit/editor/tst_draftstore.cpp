// DraftStore: JSON drafts per (server, user, record) on a real directory.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include "editor/draftstore.h"

using namespace recordlock;
using namespace Qt::StringLiterals;

namespace {

const QString Server = u"ws://127.0.0.1:8765"_s;
const QString Alice = u"u_alice"_s;

Draft makeDraft(const QString &recordId, qint64 version = 4)
{
    Draft draft;
    draft.recordId = recordId;
    draft.baseVersion = version;
    draft.edits = {{u"status"_s, u"Approved"_s}, {u"notes"_s, u"line 1\nline 2 — ünïcödé \"quoted\""_s}};
    draft.baseValues = {{u"status"_s, u"Open"_s}, {u"notes"_s, QString()}};
    draft.savedAt = 1'763'776'800'123;
    return draft;
}

/// Makes dir unwritable even for root (chattr +i) or as a normal user (chmod); false if impossible.
bool makeReadOnly(const QString &dir, bool readOnly)
{
    if (::geteuid() != 0) {
        return QFile::setPermissions(dir, readOnly ? QFile::ReadOwner | QFile::ExeOwner
                                                   : QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QProcess chattr;
    chattr.start(u"chattr"_s, {readOnly ? u"+i"_s : u"-i"_s, dir});
    return chattr.waitForFinished(5000) && chattr.exitStatus() == QProcess::NormalExit && chattr.exitCode() == 0;
}

} // namespace

class TestDraftStore : public QObject
{
    Q_OBJECT

private slots:
    void saveLoadRemove();
    void saveReplaces();
    void separatePerUserAndServer();
    void oddRecordIds_data();
    void oddRecordIds();
    void listReturnsOwnDraftsSorted();
    void corruptFileIsIgnored();
    void noTemporaryFilesLeft();
    void failedWriteKeepsPreviousDraft();
    void draftWithoutRecordIdIsRefused();

private:
    QTemporaryDir m_dir;
};

void TestDraftStore::saveLoadRemove()
{
    DraftStore store(m_dir.filePath(u"drafts1"_s));
    QVERIFY(!store.load(Server, Alice, u"CL-1"_s));

    const Draft draft = makeDraft(u"CL-1"_s);
    QVERIFY2(store.save(Server, Alice, draft), qPrintable(store.lastError()));
    QVERIFY(QFileInfo::exists(store.filePath(Server, Alice, u"CL-1"_s)));

    const auto loaded = store.load(Server, Alice, u"CL-1"_s);
    QVERIFY(loaded);
    QCOMPARE(*loaded, draft);

    QVERIFY(store.remove(Server, Alice, u"CL-1"_s));
    QVERIFY(!store.load(Server, Alice, u"CL-1"_s));
    QVERIFY(!QFileInfo::exists(store.filePath(Server, Alice, u"CL-1"_s)));
    QVERIFY(store.remove(Server, Alice, u"CL-1"_s)); // nothing left is fine
}

void TestDraftStore::saveReplaces()
{
    DraftStore store(m_dir.filePath(u"drafts2"_s));
    QVERIFY(store.save(Server, Alice, makeDraft(u"CL-1"_s, 4)));
    Draft newer = makeDraft(u"CL-1"_s, 5);
    newer.edits = {{u"title"_s, u"New title"_s}};
    newer.baseValues = {{u"title"_s, u"Old title"_s}};
    QVERIFY(store.save(Server, Alice, newer));
    QCOMPARE(*store.load(Server, Alice, u"CL-1"_s), newer);
    QCOMPARE(store.list(Server, Alice).size(), 1);
}

void TestDraftStore::separatePerUserAndServer()
{
    DraftStore store(m_dir.filePath(u"drafts3"_s));
    const QString other = u"ws://10.0.0.2:8765"_s;
    Draft alices = makeDraft(u"CL-1"_s);
    Draft bobs = makeDraft(u"CL-1"_s);
    bobs.edits = {{u"status"_s, u"Rejected"_s}};
    Draft elsewhere = makeDraft(u"CL-1"_s);
    elsewhere.edits = {{u"status"_s, u"Closed"_s}};

    QVERIFY(store.save(Server, Alice, alices));
    QVERIFY(store.save(Server, u"u_bob"_s, bobs));
    QVERIFY(store.save(other, Alice, elsewhere));

    QCOMPARE(store.load(Server, Alice, u"CL-1"_s)->edits, alices.edits);
    QCOMPARE(store.load(Server, u"u_bob"_s, u"CL-1"_s)->edits, bobs.edits);
    QCOMPARE(store.load(other, Alice, u"CL-1"_s)->edits, elsewhere.edits);
    QVERIFY(!store.load(other, u"u_bob"_s, u"CL-1"_s));

    QVERIFY(store.remove(Server, Alice, u"CL-1"_s));
    QVERIFY(store.load(Server, u"u_bob"_s, u"CL-1"_s));
    QVERIFY(store.load(other, Alice, u"CL-1"_s));
}

void TestDraftStore::oddRecordIds_data()
{
    QTest::addColumn<QString>("recordId");
    QTest::newRow("dots") << u".."_s;
    QTest::newRow("traversal") << u"../../etc/passwd"_s;
    QTest::newRow("slashes") << u"a/b\\c"_s;
    QTest::newRow("unicode") << u"Kunde-Müller-日本"_s;
    QTest::newRow("spaces") << u" leading and trailing "_s;
    QTest::newRow("long") << QString(u'x').repeated(300);
    QTest::newRow("case-a") << u"CL-abc"_s;
    QTest::newRow("case-A") << u"CL-ABC"_s;
}

void TestDraftStore::oddRecordIds()
{
    QFETCH(QString, recordId);
    const QString root = m_dir.filePath(u"drafts4"_s);
    DraftStore store(root);
    const Draft draft = makeDraft(recordId);
    QVERIFY2(store.save(Server, Alice, draft), qPrintable(store.lastError()));
    QCOMPARE(*store.load(Server, Alice, recordId), draft);
    // The file stays inside the store, whatever the id says.
    const QString path = QFileInfo(store.filePath(Server, Alice, recordId)).canonicalFilePath();
    QVERIFY2(path.startsWith(QFileInfo(root).canonicalFilePath() + u'/'), qPrintable(path));
}

void TestDraftStore::listReturnsOwnDraftsSorted()
{
    DraftStore store(m_dir.filePath(u"drafts5"_s));
    QVERIFY(store.save(Server, Alice, makeDraft(u"CU-2"_s)));
    QVERIFY(store.save(Server, Alice, makeDraft(u"CL-9"_s)));
    QVERIFY(store.save(Server, u"u_bob"_s, makeDraft(u"CL-1"_s)));
    const QList<Draft> drafts = store.list(Server, Alice);
    QCOMPARE(drafts.size(), 2);
    QCOMPARE(drafts.at(0).recordId, u"CL-9"_s);
    QCOMPARE(drafts.at(1).recordId, u"CU-2"_s);
    QVERIFY(store.list(u"ws://nowhere:1"_s, Alice).isEmpty());
}

void TestDraftStore::corruptFileIsIgnored()
{
    DraftStore store(m_dir.filePath(u"drafts6"_s));
    QVERIFY(store.save(Server, Alice, makeDraft(u"CL-1"_s)));
    QVERIFY(store.save(Server, Alice, makeDraft(u"CL-2"_s)));
    QFile file(store.filePath(Server, Alice, u"CL-1"_s));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(R"({"recordId":"CL-1","edits":{"status":)");
    file.close();

    QVERIFY(!store.load(Server, Alice, u"CL-1"_s));
    const QList<Draft> drafts = store.list(Server, Alice);
    QCOMPARE(drafts.size(), 1);
    QCOMPARE(drafts.first().recordId, u"CL-2"_s);
    // A good save replaces the broken file.
    QVERIFY(store.save(Server, Alice, makeDraft(u"CL-1"_s)));
    QVERIFY(store.load(Server, Alice, u"CL-1"_s));
}

void TestDraftStore::noTemporaryFilesLeft()
{
    DraftStore store(m_dir.filePath(u"drafts7"_s));
    for (int i = 0; i < 5; ++i)
        QVERIFY(store.save(Server, Alice, makeDraft(u"CL-1"_s, i + 1)));
    const QDir scope = QFileInfo(store.filePath(Server, Alice, u"CL-1"_s)).dir();
    QCOMPARE(scope.entryList(QDir::Files | QDir::Hidden).size(), 1);
    QCOMPARE(store.load(Server, Alice, u"CL-1"_s)->baseVersion, 5);
}

void TestDraftStore::failedWriteKeepsPreviousDraft()
{
    DraftStore store(m_dir.filePath(u"drafts8"_s));
    const Draft previous = makeDraft(u"CL-1"_s, 4);
    QVERIFY(store.save(Server, Alice, previous));
    const QString scope = QFileInfo(store.filePath(Server, Alice, u"CL-1"_s)).absolutePath();
    if (!makeReadOnly(scope, true))
        QSKIP("cannot make a directory read-only here (no chattr)");

    Draft next = makeDraft(u"CL-1"_s, 5);
    next.edits = {{u"status"_s, u"Closed"_s}};
    const bool saved = store.save(Server, Alice, next);
    const QString error = store.lastError();
    QVERIFY(makeReadOnly(scope, false));

    QVERIFY(!saved);
    QVERIFY(!error.isEmpty());
    const auto loaded = store.load(Server, Alice, u"CL-1"_s);
    QVERIFY(loaded);
    QCOMPARE(*loaded, previous);
    QCOMPARE(QDir(scope).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

void TestDraftStore::draftWithoutRecordIdIsRefused()
{
    DraftStore store(m_dir.filePath(u"drafts9"_s));
    QVERIFY(!store.save(Server, Alice, Draft{}));
    QVERIFY(!store.lastError().isEmpty());
    QVERIFY(!QFileInfo::exists(m_dir.filePath(u"drafts9"_s)) || QDir(m_dir.filePath(u"drafts9"_s)).isEmpty());
}

QTEST_GUILESS_MAIN(TestDraftStore)
#include "tst_draftstore.moc"
