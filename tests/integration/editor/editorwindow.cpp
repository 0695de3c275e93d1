#include "editorwindow.h"

#include <QTest>

namespace recordlock::test {

EditorWindow::EditorWindow(const Clock &clock, const QString &draftDir)
    : connection(clock)
    , events(&connection)
    , locks(&connection, &events)
    , records(&connection, &events)
    , renewer(&locks)
    , drafts(draftDir)
{
    connection.setBackoff(Backoff(100, 400));
}

bool EditorWindow::signIn(const QUrl &url, const QString &user)
{
    connection.open(url);
    connection.login(user, user);
    return QTest::qWaitFor([this] { return connection.isOnline(); }, 5000);
}

} // namespace recordlock::test
