#pragma once

#include <QList>
#include <QPointer>
#include <QWidget>

namespace recordlock::test {

/// Fails the running test if it leaves top-level windows behind (KDDockWidgets' idea).
///
/// Create one at the start of a test function; when it goes out of scope, every top-level widget
/// that did not exist at its construction must have been deleted (after pending deleteLater()s).
class WindowLeakGuard
{
public:
    /// Notes the top-level widgets that exist now.
    WindowLeakGuard();
    /// Fails the current test for every newer top-level widget still alive, and deletes it.
    ~WindowLeakGuard();

    WindowLeakGuard(const WindowLeakGuard &) = delete;
    WindowLeakGuard &operator=(const WindowLeakGuard &) = delete;

private:
    QList<QPointer<QWidget>> m_before;
};

} // namespace recordlock::test
