#pragma once

#include <QLocale>
#include <QTranslator>

namespace recordlock {

/// The application's translators: RecordLock's own (embedded under :/i18n) and Qt's, if installed.
///
/// Owned by main() (or a test) and installed on the running application; switching the language
/// replaces both, which sends LanguageChange to every widget.
class Translations
{
public:
    /// Nothing installed yet.
    Translations() = default;
    /// Removes what it installed.
    ~Translations();

    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

    /// Installs the translations for locale and makes it the default locale; English needs none.
    /// Returns false when RecordLock has no translation for that language (the texts stay English).
    bool install(const QLocale &locale);
    /// Removes the installed translators.
    void remove();

private:
    QTranslator m_app;
    QTranslator m_qt;
    bool m_appInstalled = false;
    bool m_qtInstalled = false;
};

} // namespace recordlock
