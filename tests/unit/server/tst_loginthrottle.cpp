#include <QTest>

#include "fakeclock.h"
#include "server/loginthrottle.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {
const QString Address = u"192.0.2.7"_s;
const QString OtherAddress = u"198.51.100.3"_s;
} // namespace

/// LoginThrottle with a FakeClock: the protocol's failed-login limits.
class TestLoginThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fiveFailuresPerNameThenOnePerMinute()
    {
        test::FakeClock clock;
        LoginThrottle throttle(clock);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(throttle.begin(u"alice"_s, Address), 0); // each one fails (no succeeded())
        QCOMPARE(throttle.begin(u"alice"_s, Address), 60'000);
        // Refused attempts are not counted: waiting the minute regains exactly one attempt.
        clock.advance(59'999);
        QCOMPARE(throttle.begin(u"alice"_s, Address), 1);
        clock.advance(1);
        QCOMPARE(throttle.begin(u"alice"_s, Address), 0);
        QCOMPARE(throttle.begin(u"alice"_s, Address), 60'000);
        // The name is limited wherever the guesses come from.
        QCOMPARE(throttle.begin(u"alice"_s, OtherAddress), 60'000);
        // Other names are not.
        QCOMPARE(throttle.begin(u"bob"_s, Address), 0);
    }

    void successClearsTheName()
    {
        test::FakeClock clock;
        LoginThrottle throttle(clock);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(throttle.begin(u"alice"_s, Address), 0);
        QCOMPARE(throttle.begin(u"alice"_s, Address), 0);
        throttle.succeeded(u"alice"_s, Address);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(throttle.begin(u"alice"_s, Address), 0);
        QVERIFY(throttle.begin(u"alice"_s, Address) > 0);
    }

    void twentyFailuresPerAddressThenOnePerSixSeconds()
    {
        test::FakeClock clock;
        LoginThrottle throttle(clock);
        // Four guesses each at five names: 20 failures from one address, no name limited yet.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(throttle.begin(u"user%1"_s.arg(i % 5), Address), 0);
        QCOMPARE(throttle.begin(u"fresh"_s, Address), 6'000);
        QCOMPARE(throttle.begin(u"fresh"_s, OtherAddress), 0);
        clock.advance(6'000);
        QCOMPARE(throttle.begin(u"fresh"_s, Address), 0);
        QCOMPARE(throttle.begin(u"fresh2"_s, Address), 6'000);
    }

    void successDoesNotCountAgainstTheAddress()
    {
        test::FakeClock clock;
        LoginThrottle throttle(clock);
        // A busy office behind one address: many right logins never lock it out.
        for (int i = 0; i < 100; ++i) {
            QCOMPARE(throttle.begin(u"user%1"_s.arg(i), Address), 0);
            throttle.succeeded(u"user%1"_s.arg(i), Address);
        }
        QCOMPARE(throttle.begin(u"someone"_s, Address), 0);
    }

    void refusalReportsTheLongerWait()
    {
        test::FakeClock clock;
        LoginThrottle throttle(clock);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(throttle.begin(u"alice"_s, Address), 0);
        for (int i = 0; i < 15; ++i)
            QCOMPARE(throttle.begin(u"n%1"_s.arg(i), Address), 0);
        // Both limited: the name's minute is the one that decides.
        QCOMPARE(throttle.begin(u"alice"_s, Address), 60'000);
        // A refusal by the address took nothing from the name: after the address regains one,
        // a name with attempts left may try again.
        clock.advance(6'000);
        QCOMPARE(throttle.begin(u"n0"_s, Address), 0);
    }

    void parallelAttemptsCannotSlipThrough()
    {
        // Attempts are counted when they start, so many connections guessing at once get no
        // more than five checks before the first answer.
        test::FakeClock clock;
        LoginThrottle throttle(clock);
        int started = 0;
        for (int i = 0; i < 50; ++i) {
            if (throttle.begin(u"alice"_s, u"10.0.0.%1"_s.arg(i)) == 0)
                ++started;
        }
        QCOMPARE(started, 5);
    }

    void customLimits()
    {
        test::FakeClock clock;
        LoginThrottle throttle(clock, LoginThrottle::Settings{2, 1'000, 3, 500});
        QCOMPARE(throttle.begin(u"a"_s, Address), 0);
        QCOMPARE(throttle.begin(u"a"_s, Address), 0);
        QCOMPARE(throttle.begin(u"a"_s, Address), 1'000);
        QCOMPARE(throttle.begin(u"b"_s, Address), 0);
        QCOMPARE(throttle.begin(u"c"_s, Address), 500);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
