#include <sys/stat.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "server/serversecret.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

mode_t modeOf(const QString &path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_mode & 0777;
}

bool writeFile(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return false;
    file.close();
    return file.setPermissions(permissions);
}

constexpr QFileDevice::Permissions Mode0600 = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

/// ServerSecret on real files.
class TestServerSecret : public QObject
{
    Q_OBJECT

private slots:
    void createsPrivateFileAndReloadsSameBytes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"data/server.key"_s); // parent directory is created too
        QString error;
        const auto created = ServerSecret::loadOrCreate(path, &error);
        QVERIFY2(created, qPrintable(error));
        QCOMPARE(created->size(), ServerSecret::KeySize);
        QVERIFY(*created != QByteArray(ServerSecret::KeySize, '\0'));
        QCOMPARE(modeOf(path), mode_t(0600));

        const auto reloaded = ServerSecret::loadOrCreate(path, &error);
        QVERIFY2(reloaded, qPrintable(error));
        QCOMPARE(*reloaded, *created);
    }

    void twoInstallationsGetDifferentKeys()
    {
        QTemporaryDir dir;
        const auto a = ServerSecret::loadOrCreate(dir.filePath(u"a.key"_s), nullptr);
        const auto b = ServerSecret::loadOrCreate(dir.filePath(u"b.key"_s), nullptr);
        QVERIFY(a && b);
        QVERIFY(*a != *b);
    }

    void refusesWrongSize_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("empty") << 0;
        QTest::newRow("short") << 31;
        QTest::newRow("long") << 33;
    }

    void refusesWrongSize()
    {
        QFETCH(int, size);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"server.key"_s);
        QVERIFY(writeFile(path, QByteArray(size, 'k'), Mode0600));
        QString error;
        QVERIFY(!ServerSecret::loadOrCreate(path, &error));
        QVERIFY(error.contains(u"bytes"_s));
        QCOMPARE(QFile(path).size(), qint64(size)); // left alone, not overwritten
    }

    void refusesFileReadableByOthers()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"server.key"_s);
        QVERIFY(writeFile(path, QByteArray(ServerSecret::KeySize, 'k'),
                          Mode0600 | QFileDevice::ReadGroup | QFileDevice::ReadOther)); // 0644
        QCOMPARE(modeOf(path), mode_t(0644));
        QString error;
        QVERIFY(!ServerSecret::loadOrCreate(path, &error));
        QVERIFY(error.contains(u"group or others"_s));

        QVERIFY(QFile::setPermissions(path, Mode0600));
        const auto key = ServerSecret::loadOrCreate(path, &error);
        QVERIFY2(key, qPrintable(error));
        QCOMPARE(*key, QByteArray(ServerSecret::KeySize, 'k'));
    }

    void reportsUnwritableDirectory()
    {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(u"file"_s);
        QVERIFY(writeFile(blocker, "x", Mode0600));
        QString error;
        // A path below a regular file can never be created.
        QVERIFY(!ServerSecret::loadOrCreate(blocker + u"/server.key"_s, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServerSecret)
#include "tst_serversecret.moc"
