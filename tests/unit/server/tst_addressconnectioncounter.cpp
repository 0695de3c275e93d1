// AddressConnectionCounter: the per-address connection cap of docs/protocol.md ("Connection caps").

#include <QTest>

#include "server/addressconnectioncounter.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

class TestAddressConnectionCounter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capPerAddress();
    void addressesAreCountedApart();
    void removingFreesASlotAndForgetsEmptyAddresses();
    void zeroMeansUnlimited();
};

namespace {

const QHostAddress Office(u"192.0.2.10"_s);
const QHostAddress Home(u"2001:db8::7"_s);

} // namespace

void TestAddressConnectionCounter::capPerAddress()
{
    AddressConnectionCounter counter(3);
    QCOMPARE(counter.limit(), 3);
    for (int i = 0; i < 3; ++i)
        QVERIFY(counter.tryAdd(Office));
    QVERIFY(!counter.tryAdd(Office));
    QCOMPARE(counter.count(Office), 3); // a refusal counts nothing
}

void TestAddressConnectionCounter::addressesAreCountedApart()
{
    AddressConnectionCounter counter(1);
    QVERIFY(counter.tryAdd(Office));
    QVERIFY(counter.tryAdd(Home));
    QVERIFY(!counter.tryAdd(Home));
    QCOMPARE(counter.count(Office), 1);
    QCOMPARE(counter.count(Home), 1);
    QCOMPARE(counter.addressCount(), 2);
}

void TestAddressConnectionCounter::removingFreesASlotAndForgetsEmptyAddresses()
{
    AddressConnectionCounter counter(2);
    QVERIFY(counter.tryAdd(Office));
    QVERIFY(counter.tryAdd(Office));
    QVERIFY(!counter.tryAdd(Office));
    counter.remove(Office);
    QVERIFY(counter.tryAdd(Office));
    counter.remove(Office);
    counter.remove(Office);
    QCOMPARE(counter.count(Office), 0);
    QCOMPARE(counter.addressCount(), 0);
    counter.remove(Office); // more removals than adds must not go negative
    QCOMPARE(counter.count(Office), 0);
    QVERIFY(counter.tryAdd(Office));
    QCOMPARE(counter.count(Office), 1);
}

void TestAddressConnectionCounter::zeroMeansUnlimited()
{
    for (int limit : {0, -5}) {
        AddressConnectionCounter counter(limit);
        QCOMPARE(counter.limit(), 0);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(counter.tryAdd(Office));
        QCOMPARE(counter.count(Office), 1000);
    }
}

QTEST_GUILESS_MAIN(TestAddressConnectionCounter)
#include "tst_addressconnectioncounter.moc"
