// The lock banner speaks to screen readers: its accessible name is the sentence shown in every
// state, its description the detail line, and each change is announced with accessibility events.
//
// Qt only delivers accessibility events (also to an installed update handler) while a platform
// accessibility bridge is active, which the offscreen platform does not have. The banner reports
// each event it sends through its announced() signal; where the platform is active, the events
// caught by the update handler are checked as well.
#include <QAccessible>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

#include "client/lockstate.h"
#include "client/serverclock.h"
#include "editor/editorcontroller.h"
#include "fakeclock.h"
#include "guiclient.h"
#include "serverprocess.h"
#include "testclient.h"
#include "ui/lockbanner.h"
#include "ui/recordeditor.h"
#include "ui/recordform.h"
#include "windowleakguard.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using namespace recordlock::test;
using Kind = LockBannerText::Kind;

namespace {

struct SeenEvent
{
    QPointer<QObject> object;
    QAccessible::Event type;
};

QList<SeenEvent> g_events;

void recordEvent(QAccessibleEvent *event)
{
    g_events.append(SeenEvent{event->object(), event->type()});
}

/// Events the banner sent: from Qt's update handler where accessibility is active, else from announced().
int countEvents(const QObject *object, QAccessible::Event type)
{
    return int(std::count_if(g_events.cbegin(), g_events.cend(),
                             [object, type](const SeenEvent &e) { return e.object == object && e.type == type; }));
}

/// Records the banner's own reports of what it sent (the offscreen platform drops the real events).
void followAnnouncements(LockBanner *banner)
{
    if (QAccessible::isActive())
        return; // the update handler sees the real events
    QObject::connect(banner, &LockBanner::announced, banner,
                     [banner](QAccessible::Event type) { g_events.append(SeenEvent{banner, type}); });
}

#define CHECK_ANNOUNCED(banner, kind, alert)                                                                 \
    do {                                                                                                     \
        checkAnnounced(banner, kind, alert);                                                                 \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

LockInfo lockFor(const QString &recordId, qint64 seq)
{
    LockInfo lock;
    lock.recordId = recordId;
    lock.seq = seq;
    return lock;
}

LockInfo heldBy(const QString &recordId, qint64 seq, const QString &name, qint64 now, bool sameUser = false,
                bool sameSession = false)
{
    LockInfo lock = lockFor(recordId, seq);
    lock.held = true;
    lock.holderHandle = u"u_"_s + name.left(3).toLower();
    lock.holderName = name;
    lock.sameUser = sameUser || sameSession;
    lock.sameSession = sameSession;
    lock.since = now - 60'000;
    lock.expiresAt = now + 120'000;
    lock.token = sameSession ? 41 : 0;
    return lock;
}

} // namespace

class tst_BannerAccessibility : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init() { g_events.clear(); }
    void nameFollowsTextInEveryState();
    void announcesRealLockChanges();
    void idleWarningIsAnnounced();

private:
    void checkAnnounced(LockBanner &banner, Kind expected, bool alert);
};

void tst_BannerAccessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QAccessible::installUpdateHandler(recordEvent);
    // Without an assistive technology attached Qt drops events early; this makes it deliver them.
    QAccessible::setActive(true);
}

void tst_BannerAccessibility::cleanupTestCase()
{
    QAccessible::installUpdateHandler(nullptr);
}

void tst_BannerAccessibility::checkAnnounced(LockBanner &banner, Kind expected, bool alert)
{
    QCOMPARE(banner.content().kind, expected);
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(&banner);
    QVERIFY(iface);
    QVERIFY(!banner.text().isEmpty());
    QCOMPARE(iface->text(QAccessible::Name), banner.text());
    QCOMPARE(iface->text(QAccessible::Description), banner.detailText());
    QVERIFY2(countEvents(&banner, QAccessible::NameChanged) > 0, qPrintable(banner.text()));
    QCOMPARE(countEvents(&banner, QAccessible::Alert) > 0, alert);
    g_events.clear();
}

void tst_BannerAccessibility::nameFollowsTextInEveryState()
{
    WindowLeakGuard guard;
    FakeClock clock;
    ServerClock serverClock(clock);
    serverClock.observe(clock.nowMs());
    const qint64 now = clock.nowMs();
    const QString id = u"CL-2026-0042"_s;
    LockState state(id);
    LockBanner banner(&state, nullptr, serverClock);
    followAnnouncements(&banner);
    g_events.clear();
    banner.refresh();
    banner.resize(700, banner.sizeHint().height());
    banner.show();
    QVERIFY(QTest::qWaitForWindowExposed(&banner));
    QCOMPARE(banner.content().kind, Kind::Loading);
    QCOMPARE(QAccessible::queryAccessibleInterface(&banner)->text(QAccessible::Name), banner.text());
    g_events.clear();

    state.applySnapshot(lockFor(id, 1));
    CHECK_ANNOUNCED(banner, Kind::Available, false);
    QCOMPARE(banner.text(), u"Available — click Edit to edit"_s);

    state.applyAcquired(heldBy(id, 2, u"Bob Baker"_s, now));
    CHECK_ANNOUNCED(banner, Kind::HeldByOther, true);
    QVERIFY(banner.text().startsWith(u"Being edited by Bob Baker since "_s));

    LockInfo orphaned = heldBy(id, 3, u"Bob Baker"_s, now);
    orphaned.connected = false;
    orphaned.orphanDeadline = now + 30'000;
    state.applyPresence(orphaned);
    CHECK_ANNOUNCED(banner, Kind::HolderDisconnected, true);
    QVERIFY(banner.text().endsWith(u"Bob Baker is disconnected"_s));

    LockInfo released = lockFor(id, 4);
    state.applyReleased(released, u"released"_s);
    CHECK_ANNOUNCED(banner, Kind::Available, false);

    state.applyAcquired(heldBy(id, 5, u"Alice Archer"_s, now, true));
    CHECK_ANNOUNCED(banner, Kind::EditingElsewhere, true);
    QVERIFY(banner.findChild<QPushButton *>(u"switchHereButton"_s)->isVisible());

    state.applyReleased(lockFor(id, 6), u"released"_s);
    CHECK_ANNOUNCED(banner, Kind::Available, false);

    state.setPending();
    CHECK_ANNOUNCED(banner, Kind::Pending, false);

    state.applySnapshot(heldBy(id, 7, u"Alice Archer"_s, now, true, true));
    CHECK_ANNOUNCED(banner, Kind::Editing, false);
    QVERIFY(banner.text().startsWith(u"You are editing · lock renews automatically · expires "_s));

    state.setOffline();
    CHECK_ANNOUNCED(banner, Kind::Offline, true);

    // Back online, the server says the lock ran out meanwhile: the banner says it was lost.
    state.applySnapshot(lockFor(id, 9), QString(LockState::ReasonExpired));
    CHECK_ANNOUNCED(banner, Kind::Lost, true);
    QVERIFY(banner.text().startsWith(u"Your lock expired"_s));

    // A countdown tick changes the detail line only: no new announcement.
    state.applyAcquired(heldBy(id, 10, u"Bob Baker"_s, now));
    g_events.clear();
    clock.advance(5'000);
    banner.refresh();
    QCOMPARE(countEvents(&banner, QAccessible::NameChanged), 0);
    QCOMPARE(countEvents(&banner, QAccessible::Alert), 0);
}

void tst_BannerAccessibility::announcesRealLockChanges()
{
    WindowLeakGuard guard;
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.output()));
    GuiClient bob(u"bob"_s);
    bob.window().show();
    QVERIFY(bob.signIn(server.wsUrl()));
    QVERIFY(bob.open(u"C-1003"_s));
    followAnnouncements(bob.banner());
    QTRY_COMPARE(bob.banner()->content().kind, Kind::Available);
    g_events.clear();

    TestClient alice;
    QCOMPARE(TestClient::outcome(alice.connectAndLogin(server.wsUrl(), u"alice"_s)), u"ok"_s);
    QCOMPARE(TestClient::outcome(alice.request("acquire", {{u"recordId"_s, u"C-1003"_s}})), u"ok"_s);
    QTRY_COMPARE(bob.banner()->content().kind, Kind::HeldByOther);
    LockBanner *banner = bob.banner();
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(banner);
    QCOMPARE(iface->text(QAccessible::Name), banner->text());
    QVERIFY(iface->text(QAccessible::Name).contains(u"Alice Archer"_s));
    QVERIFY(countEvents(banner, QAccessible::NameChanged) > 0);
    QVERIFY(countEvents(banner, QAccessible::Alert) > 0);

    // Save carries a name and a description saying why it is unavailable.
    QAccessibleInterface *save = QAccessible::queryAccessibleInterface(bob.editor()->saveButton());
    QCOMPARE(save->text(QAccessible::Name), u"Save"_s);
    QVERIFY(save->text(QAccessible::Description).contains(u"Alice Archer"_s));
}

void tst_BannerAccessibility::idleWarningIsAnnounced()
{
    WindowLeakGuard guard;
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.output()));
    EditorSettings settings;
    settings.idleTimeoutMs = 300;
    settings.idleWarningMs = 60'000;
    settings.idlePollMs = 50;
    GuiClient alice(u"alice"_s, settings);
    alice.window().show();
    QVERIFY(alice.signIn(server.wsUrl()));
    QVERIFY(alice.open(u"C-1004"_s));
    followAnnouncements(alice.banner());
    alice.editor()->editAction()->trigger();
    QTRY_COMPARE(alice.banner()->content().kind, Kind::IdleWarning);
    LockBanner *banner = alice.banner();
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(banner);
    QCOMPARE(iface->text(QAccessible::Name), banner->text());
    QVERIFY(banner->detailText().startsWith(u"Releasing in "_s));
    QVERIFY(countEvents(banner, QAccessible::Alert) > 0);
    auto *keep = banner->findChild<QPushButton *>(u"keepEditingButton"_s);
    QVERIFY(keep && keep->isVisible());
    QTest::mouseClick(keep, Qt::LeftButton);
    QTRY_COMPARE(banner->content().kind, Kind::Editing);
    QCOMPARE(iface->text(QAccessible::Name), banner->text());
}

QTEST_MAIN(tst_BannerAccessibility)
#include "tst_banneraccessibility.moc"
