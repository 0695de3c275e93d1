#include "ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

#include "ui/uilogging.h"

using namespace Qt::StringLiterals;

namespace recordlock {

Translations::~Translations()
{
    remove();
}

bool Translations::install(const QLocale &locale)
{
    remove();
    QLocale::setDefault(locale);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return true; // the source texts are English
    if (m_qt.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        m_qtInstalled = QCoreApplication::installTranslator(&m_qt);
    if (!m_app.load(locale, u"recordlock"_s, u"_"_s, u":/i18n"_s)) {
        qCInfo(lcUi) << "no RecordLock translation for" << locale.name() << "- using English";
        return false;
    }
    m_appInstalled = QCoreApplication::installTranslator(&m_app);
    return m_appInstalled;
}

void Translations::remove()
{
    if (m_appInstalled)
        QCoreApplication::removeTranslator(&m_app);
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(&m_qt);
    m_appInstalled = false;
    m_qtInstalled = false;
}

} // namespace recordlock
