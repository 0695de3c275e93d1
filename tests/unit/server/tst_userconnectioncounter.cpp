#include <QObject>
#include <QTest>

#include "server/userconnectioncounter.h"

using namespace recordlock;

/// UserConnectionCounter: the per-user cap on signed-in connections.
class TestUserConnectionCounter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capsSignedInConnections()
    {
        UserConnectionCounter counter(2);
        QObject a, b, c;
        QVERIFY(counter.admits(1, &a, nullptr));
        counter.add(1, &a);
        QVERIFY(counter.admits(1, &b, nullptr));
        counter.add(1, &b);
        QVERIFY(!counter.admits(1, &c, nullptr));
        QCOMPARE(counter.count(1), 2);
        // Other users have their own count.
        QVERIFY(counter.admits(2, &c, nullptr));
        // A closed connection frees its place.
        counter.remove(&a);
        QVERIFY(counter.admits(1, &c, nullptr));
    }

    void takeoverOfOwnSessionIsNotCountedTwice()
    {
        UserConnectionCounter counter(2);
        QObject a, b, c;
        counter.add(1, &a);
        counter.add(1, &b);
        // c takes over b's session: b is closed with 4000, so the user stays at two.
        QVERIFY(counter.admits(1, &c, &b));
        counter.remove(&b);
        counter.add(1, &c);
        QCOMPARE(counter.count(1), 2);
    }

    void secondLoginOnTheSameConnectionIsNotCountedTwice()
    {
        UserConnectionCounter counter(1);
        QObject a;
        counter.add(1, &a);
        // The same connection switching to another session of the same user.
        QVERIFY(counter.admits(1, &a, nullptr));
        counter.add(1, &a);
        QCOMPARE(counter.count(1), 1);
    }

    void connectionChangingUserMovesItsCount()
    {
        UserConnectionCounter counter(1);
        QObject a, b;
        counter.add(1, &a);
        counter.add(2, &a); // a second login on a as another user
        QCOMPARE(counter.count(1), 0);
        QCOMPARE(counter.count(2), 1);
        QVERIFY(counter.admits(1, &b, nullptr));
        QVERIFY(!counter.admits(2, &b, nullptr));
    }

    void zeroIsUnlimited()
    {
        UserConnectionCounter counter(0);
        QList<QObject *> connections;
        for (int i = 0; i < 100; ++i) {
            connections.append(new QObject(this));
            QVERIFY(counter.admits(1, connections.last(), nullptr));
            counter.add(1, connections.last());
        }
        QCOMPARE(counter.count(1), 100);
        qDeleteAll(connections);
    }

    void removingUnknownConnectionIsHarmless()
    {
        UserConnectionCounter counter(1);
        QObject a;
        counter.remove(&a);
        QCOMPARE(counter.count(1), 0);
    }
};

QTEST_GUILESS_MAIN(TestUserConnectionCounter)
#include "tst_userconnectioncounter.moc"
