#include "startupprobe.h"

#include <time.h>
#include <unistd.h>

#include <QEvent>
#include <QFile>
#include <QTreeView>

#include "bench/procsampler.h"
#include "editor/recordlistmodel.h"
#include "ui/recordfilterproxy.h"
#include "ui/recordlistview.h"

using namespace Qt::StringLiterals;

namespace recordlock {

StartupProbe::StartupProbe(QElapsedTimer sinceMain, QUrl url, QString user, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_sinceMain(sinceMain)
    , m_url(std::move(url))
    , m_user(std::move(user))
    , m_stack(m_clock, m_drafts.path())
    , m_window(&m_stack, nullptr)
{
    const qint64 age = processAgeMs();
    m_ageAtMainMs = age < 0 ? -1 : age - m_sinceMain.elapsed();
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(timeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(u"the record list was not loaded within %1 ms (%2 rows)"_s.arg(m_timeout.interval())
                   .arg(m_stack.listModel().rowCount()));
    });
    RecordListModel &model = m_stack.listModel();
    connect(&model, &RecordListModel::modelReset, this, &StartupProbe::onRowsChanged);
    connect(&model, &RecordListModel::rowsInserted, this, &StartupProbe::onRowsChanged);
    connect(&model, &RecordListModel::refreshed, this, [this] {
        m_loaded = true;
        mark(u"allRowsListed"_s);
        m_window.recordList()->view()->viewport()->update();
    });
    connect(&model, &RecordListModel::refreshFailed, this, [this](const ProtocolError &error) {
        finish(u"list_records failed: %1 %2"_s.arg(errorCodeName(error.code), error.message));
    });
    connect(&m_stack.connection(), &Connection::signedIn, this, [this] { mark(u"signedIn"_s); });
    connect(&m_stack.connection(), &Connection::signInFailed, this, [this](const ProtocolError &error) {
        finish(u"sign-in failed: %1 %2"_s.arg(errorCodeName(error.code), error.message));
    });
    m_window.recordList()->view()->viewport()->installEventFilter(this);
}

StartupProbe::~StartupProbe() = default;

void StartupProbe::start()
{
    mark(u"windowBuilt"_s);
    m_timeout.start();
    m_window.show();
    m_window.signIn(m_url, m_user, m_user);
}

bool StartupProbe::eventFilter(QObject *watched, QEvent *event)
{
    // The mark is taken once the paint event has been handled: a queued call runs after it.
    if (event->type() == QEvent::Paint && !m_paintQueued) {
        m_paintQueued = true;
        QMetaObject::invokeMethod(this, &StartupProbe::onPainted, Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

void StartupProbe::onPainted()
{
    m_paintQueued = false;
    mark(u"windowPainted"_s);
    if (m_window.recordList()->proxy()->rowCount() > 0)
        mark(u"listPainted"_s);
    if (m_loaded) {
        mark(u"allRowsPainted"_s);
        finish();
    }
}

void StartupProbe::onRowsChanged()
{
    if (m_stack.listModel().rowCount() > 0)
        mark(u"firstRows"_s);
}

void StartupProbe::mark(const QString &name)
{
    if (m_marks.contains(name))
        return;
    m_marks.insert(name, double(m_sinceMain.elapsed()));
}

void StartupProbe::finish(const QString &failure)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    QJsonObject sinceMain = m_marks;
    QJsonObject sinceStart;
    for (auto it = m_marks.constBegin(); it != m_marks.constEnd(); ++it)
        sinceStart.insert(it.key(), m_ageAtMainMs < 0 ? -1.0 : it.value().toDouble() + double(m_ageAtMainMs));
    QJsonObject report{
        {u"rowsListed"_s, m_stack.listModel().rowCount()},
        {u"processStartToMainMs"_s, double(m_ageAtMainMs)},
        {u"sinceMainMs"_s, sinceMain},
        {u"sinceProcessStartMs"_s, sinceStart},
        {u"peakRssMiB"_s, double(statusKiB("VmHWM")) / 1024.0},
        {u"rssMiB"_s, double(statusKiB("VmRSS")) / 1024.0},
        {u"lockStates"_s, double(m_stack.locks().states().size())},
    };
    if (!failure.isEmpty())
        report.insert(u"failure"_s, failure);
    report.insert(u"ok"_s, failure.isEmpty());
    const bool ok = failure.isEmpty();
    QMetaObject::invokeMethod(this, [this, report, ok] { Q_EMIT finished(report, ok); }, Qt::QueuedConnection);
}

qint64 StartupProbe::processAgeMs()
{
    // starttime (22) is at index 19.
    const QList<QByteArray> fields = ProcSampler::statFields(::getpid());
    if (fields.size() < 20)
        return -1;
    const double startSeconds = fields[19].toDouble() / double(::sysconf(_SC_CLK_TCK));
    timespec now{};
    if (::clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    const double nowSeconds = double(now.tv_sec) + double(now.tv_nsec) / 1e9;
    return qint64((nowSeconds - startSeconds) * 1000.0);
}

qint64 StartupProbe::statusKiB(const QByteArray &field)
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

} // namespace recordlock
