#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

#include "common/systemclock.h"
#include "ui/clientstack.h"
#include "ui/mainwindow.h"

namespace recordlock {

/// The measured side of recordlock-client-bench: one desktop client built as the app builds it
/// (ClientStack and MainWindow), signed in with a password, timed from its process start to the
/// first paint of the record list with rows in it and to the whole list loaded, with the peak
/// resident memory (VmHWM) at the end.
class StartupProbe : public QObject
{
    Q_OBJECT

public:
    /// sinceMain was started first thing in main(); the run fails if the list is not loaded
    /// within timeoutMs.
    StartupProbe(QElapsedTimer sinceMain, QUrl url, QString user, int timeoutMs, QObject *parent = nullptr);
    ~StartupProbe() override;

    /// Shows the window and signs in; finished() follows.
    void start();

    /// Milliseconds from the kernel's start of this process to now (10 ms resolution at the
    /// start, from /proc/self/stat); -1 if unreadable.
    static qint64 processAgeMs();
    /// A field of /proc/self/status in KiB (e.g. "VmHWM"); -1 if unreadable.
    static qint64 statusKiB(const QByteArray &field);

Q_SIGNALS:
    /// The run is over; report is the JSON the bench prints.
    void finished(const QJsonObject &report, bool ok);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void mark(const QString &name);
    void onRowsChanged();
    void onPainted();
    void finish(const QString &failure = QString());

    QElapsedTimer m_sinceMain;
    /// Process age at main(), ms.
    qint64 m_ageAtMainMs = -1;
    QUrl m_url;
    QString m_user;
    QTemporaryDir m_drafts;
    SystemClock m_clock;
    ClientStack m_stack;
    MainWindow m_window;
    QTimer m_timeout;
    QJsonObject m_marks;
    bool m_paintQueued = false;
    bool m_loaded = false;
    bool m_done = false;
};

} // namespace recordlock
