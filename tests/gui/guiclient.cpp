#include "guiclient.h"

#include <QTest>

#include "client/backoff.h"
#include "editor/editorcontroller.h"
#include "editor/recordlistmodel.h"
#include "ui/recordeditor.h"
#include "ui/recordlistview.h"

namespace recordlock::test {

GuiClient::GuiClient(const QString &user, const EditorSettings &settings)
    : m_user(user)
    , m_stack(m_clock, m_drafts.path(), settings)
    , m_window(&m_stack, nullptr)
{
    m_window.setObjectName(QStringLiteral("mainWindow_") + user);
    m_stack.connection().setBackoff(Backoff(100, 1000));
    m_window.resize(1100, 700);
}

GuiClient::~GuiClient() = default;

bool GuiClient::signIn(const QUrl &url, int timeoutMs)
{
    m_window.signIn(url, m_user, m_user);
    return QTest::qWaitFor([this] {
        return m_stack.connection().isOnline() && !m_stack.listModel().isLoading()
            && m_stack.listModel().rowCount() > 0;
    }, timeoutMs);
}

bool GuiClient::open(const QString &recordId, int timeoutMs)
{
    if (!m_window.recordList()->selectRecord(recordId))
        return false;
    return QTest::qWaitFor([this, &recordId] {
        return m_stack.controller().recordId() == recordId
            && m_stack.controller().mode() == EditorController::Mode::Viewing;
    }, timeoutMs);
}

RecordEditor *GuiClient::editor() const
{
    return m_window.editor();
}

LockBanner *GuiClient::banner() const
{
    return m_window.editor()->banner();
}

} // namespace recordlock::test
