#include "windowleakguard.h"

#include <algorithm>

#include <QApplication>
#include <QTest>

using namespace Qt::StringLiterals;

namespace recordlock::test {

WindowLeakGuard::WindowLeakGuard()
{
    const QWidgetList existing = QApplication::topLevelWidgets();
    for (QWidget *widget : existing)
        m_before.append(widget);
}

WindowLeakGuard::~WindowLeakGuard()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QList<QPointer<QWidget>> leaked;
    QStringList names;
    const QWidgetList now = QApplication::topLevelWidgets();
    for (QWidget *widget : now) {
        const bool existedBefore = std::any_of(m_before.cbegin(), m_before.cend(),
                                               [widget](const QPointer<QWidget> &w) { return w == widget; });
        if (existedBefore)
            continue;
        leaked.append(widget);
        names.append(QString::fromLatin1(widget->metaObject()->className()) + u' ' + widget->objectName());
    }
    if (leaked.isEmpty())
        return;
    const QByteArray message = "test leaked top-level windows: " + names.join(u", "_s).toUtf8();
    QTest::qFail(message.constData(), __FILE__, __LINE__);
    // Delete them, so one leaking test does not make every later one fail too.
    for (const QPointer<QWidget> &widget : std::as_const(leaked)) {
        if (widget && !widget->parent())
            delete widget.data();
    }
}

} // namespace recordlock::test
