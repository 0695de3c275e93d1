// The displaced holder's banner, pure text: "Taken over by Carol White: <reason>" in English and
// German, read-only details while the admin edits, the way back once the record is free; the
// take-over button is offered to administrators on someone else's lock only.
#include <QStandardPaths>
#include <QTest>

#include "client/lockstate.h"
#include "ui/lockbannertext.h"
#include "ui/translations.h"

using namespace Qt::StringLiterals;
using namespace recordlock;
using Kind = LockBannerText::Kind;
using Status = LockState::Status;

namespace {

LockBannerText::Facts displacedFacts()
{
    LockBannerText::Facts facts;
    facts.status = Status::HeldByOther;
    facts.holderName = u"Carol White"_s;
    facts.since = 1'763'776'912'000;
    facts.expiresAt = 1'763'777'032'000;
    facts.serverNow = 1'763'776'915'000;
    facts.lostReason = QString(LockState::ReasonOverridden);
    facts.overriddenBy = u"Carol White"_s;
    facts.overrideReason = u"Customer on the phone, needs the address fixed now"_s;
    facts.hasUnsavedChanges = true;
    return facts;
}

} // namespace

class tst_TakenOverBanner : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }

    void englishWhileTheAdminEdits()
    {
        const auto c = LockBannerText::compose(displacedFacts());
        QCOMPARE(c.kind, Kind::TakenOver);
        QCOMPARE(c.sentence, u"Taken over by Carol White: Customer on the phone, needs the address fixed now"_s);
        QVERIFY(c.detail.startsWith(u"Read-only while Carol White edits (since "_s));
        QVERIFY(c.detail.endsWith(u"Your changes are kept as a draft; you can continue once the record is free."_s));
        QCOMPARE(c.tone, Tone::Danger);
        QVERIFY(c.important);
        QVERIFY(!c.offerTakeOver);
    }

    void englishOnceFree()
    {
        auto facts = displacedFacts();
        facts.status = Status::Free;
        const auto c = LockBannerText::compose(facts);
        QCOMPARE(c.kind, Kind::TakenOver);
        QCOMPARE(c.sentence, u"Taken over by Carol White: Customer on the phone, needs the address fixed now"_s);
        QCOMPARE(c.detail, u"Nobody holds the lock now: click Edit to lock the record again and continue with "
                           "your kept changes."_s);
    }

    void oneLineAndFallbacks()
    {
        QCOMPARE(LockBannerText::takenOverSentence(u"Carol White"_s, u"  two\nlines  "_s),
                 u"Taken over by Carol White: two lines"_s);
        QCOMPARE(LockBannerText::takenOverSentence(QString(), u"why"_s), u"Taken over by an administrator: why"_s);
        QCOMPARE(LockBannerText::takenOverSentence(u"Carol White"_s, QString()), u"Taken over by Carol White"_s);
    }

    void offlineWinsAndWatchersSeeTheHolder()
    {
        auto facts = displacedFacts();
        facts.status = Status::Offline;
        QCOMPARE(LockBannerText::compose(facts).kind, Kind::Offline);
        // A watcher (nothing lost) sees the normal sentence with the new holder.
        facts = displacedFacts();
        facts.lostReason.clear();
        facts.hasUnsavedChanges = false;
        const auto c = LockBannerText::compose(facts);
        QCOMPARE(c.kind, Kind::HeldByOther);
        QVERIFY(c.sentence.startsWith(u"Being edited by Carol White since "_s));
    }

    void takeOverOfferedToAdminsOnly()
    {
        auto facts = displacedFacts();
        facts.lostReason.clear();
        QVERIFY(!LockBannerText::compose(facts).offerTakeOver);
        facts.canTakeOver = true;
        QVERIFY(LockBannerText::compose(facts).offerTakeOver);
        facts.status = Status::Free;
        QVERIFY(!LockBannerText::compose(facts).offerTakeOver);
    }

    void german()
    {
        Translations translations;
        QVERIFY(translations.install(QLocale(QLocale::German, QLocale::Germany)));
        const auto c = LockBannerText::compose(displacedFacts());
        QCOMPARE(c.sentence, u"Übernommen von Carol White: Customer on the phone, needs the address fixed now"_s);
        QVERIFY2(c.detail.startsWith(u"Schreibgeschützt, solange Carol White bearbeitet (seit "_s), qPrintable(c.detail));
        QVERIFY(c.detail.endsWith(u"Sie können weitermachen, sobald der Datensatz frei ist."_s));
        QCOMPARE(LockBannerText::takenOverSentence(QString(), u"x y z"_s), u"Übernommen von einem Administrator: x y z"_s);
        auto facts = displacedFacts();
        facts.status = Status::Free;
        QVERIFY(LockBannerText::compose(facts).detail.startsWith(u"Niemand hält jetzt die Sperre"_s));
        translations.remove();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        QVERIFY(LockBannerText::compose(displacedFacts()).sentence.startsWith(u"Taken over by "_s));
    }
};

QTEST_MAIN(tst_TakenOverBanner)
#include "tst_takenoverbanner.moc"
