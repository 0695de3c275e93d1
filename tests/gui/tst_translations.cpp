// The German translation is complete and reaches the widgets: the .ts file has no unfinished or
// empty message, and with the German locale installed the lock banner speaks German.
#include <QFile>
#include <QStandardPaths>
#include <QTest>
#include <QXmlStreamReader>

#include "client/lockstate.h"
#include "ui/lockbannertext.h"
#include "ui/translations.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void germanIsComplete();
    void germanReachesTheBanner();
};

void tst_Translations::germanIsComplete()
{
    QFile file(QStringLiteral(RECORDLOCK_TS_DE));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QString source;
    QStringList problems;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == "source"_L1) {
            source = xml.readElementText();
        } else if (xml.name() == "translation"_L1) {
            ++messages;
            const QString type = xml.attributes().value("type"_L1).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!type.isEmpty() || text.trimmed().isEmpty())
                problems.append(source + u" [" + (type.isEmpty() ? u"empty"_s : type) + u']');
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 100);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void tst_Translations::germanReachesTheBanner()
{
    Translations translations;
    QVERIFY(translations.install(QLocale(QLocale::German, QLocale::Germany)));
    LockBannerText::Facts facts;
    facts.status = LockState::Status::Free;
    QCOMPARE(LockBannerText::compose(facts).sentence, u"Frei — zum Bearbeiten auf Bearbeiten klicken"_s);
    facts.status = LockState::Status::Offline;
    QVERIFY(LockBannerText::compose(facts).sentence.startsWith(u"Offline — Sperrstatus unbekannt"_s));

    translations.remove();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    facts.status = LockState::Status::Free;
    QCOMPARE(LockBannerText::compose(facts).sentence, u"Available — click Edit to edit"_s);
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
