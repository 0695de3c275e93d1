#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include "eventloop/epolleventdispatcher.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

EpollEventDispatcher *dispatcher()
{
    return qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance());
}

/// Counts its timer events and kills its timers from inside timerEvent() on request.
class TimerCounter : public QObject
{
public:
    int fired = 0;
    int killSelfAfter = -1;
    int victim = 0;
    QList<int> order;

protected:
    void timerEvent(QTimerEvent *event) override
    {
        ++fired;
        order.append(event->timerId());
        if (victim) {
            killTimer(victim);
            victim = 0;
        }
        if (killSelfAfter >= 0 && fired >= killSelfAfter)
            killTimer(event->timerId());
    }
};

/// A connected AF_UNIX stream pair closed on destruction.
struct SocketPair
{
    int fds[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds); }
    ~SocketPair()
    {
        ::close(fds[0]);
        ::close(fds[1]);
    }
    bool send(int end) { return ::write(fds[end], "x", 1) == 1; }
};

/// A loopback TCP connection: both ends, connected through this thread's event loop.
struct TcpPair
{
    QTcpServer server;
    QTcpSocket client;
    std::unique_ptr<QTcpSocket> accepted;

    /// Listens, connects and accepts; false if any step fails within the QTRY timeouts.
    bool connect()
    {
        if (!server.listen(QHostAddress::LocalHost))
            return false;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!QTest::qWaitFor([this] { return server.hasPendingConnections(); }))
            return false;
        accepted.reset(server.nextPendingConnection());
        return QTest::qWaitFor([this] { return client.state() == QAbstractSocket::ConnectedState; });
    }
};

} // namespace

/// EpollEventDispatcher installed as the application's dispatcher, driven through ordinary Qt APIs.
class TestEpollEventDispatcher : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(dispatcher());
        QVERIFY(dispatcher()->isValid());
    }

    void singleShotTimersFireInDeadlineOrder()
    {
        QList<int> order;
        QTimer::singleShot(60, Qt::PreciseTimer, this, [&] { order.append(60); });
        QTimer::singleShot(20, Qt::PreciseTimer, this, [&] { order.append(20); });
        QTimer::singleShot(40, Qt::CoarseTimer, this, [&] { order.append(40); });
        QTimer::singleShot(0, this, [&] { order.append(0); });
        QElapsedTimer elapsed;
        elapsed.start();
        QTRY_COMPARE(order.size(), 4);
        QCOMPARE(order, (QList<int>{0, 20, 40, 60}));
        QVERIFY(elapsed.elapsed() >= 59);
    }

    void repeatingTimerAndRemainingTime()
    {
        QTimer timer;
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(200);
        timer.start();
        const int remaining = timer.remainingTime();
        QVERIFY2(remaining > 150 && remaining <= 200, QByteArray::number(remaining).constData());
        QVERIFY(!dispatcher()->registeredTimers(&timer).isEmpty());
        QCOMPARE(dispatcher()->registeredTimers(&timer).constFirst().interval, 200);

        QTimer fast;
        fast.setTimerType(Qt::PreciseTimer);
        QSignalSpy spy(&fast, &QTimer::timeout);
        QElapsedTimer elapsed;
        fast.start(15);
        elapsed.start();
        QTRY_VERIFY(spy.size() >= 5);
        // Five 15 ms periods cannot pass in much less than 75 ms.
        QVERIFY2(elapsed.elapsed() >= 70, QByteArray::number(elapsed.elapsed()).constData());
        fast.stop();
        QCOMPARE(dispatcher()->remainingTime(12345678), -1);
    }

    void killTimerInsideTimeout()
    {
        TimerCounter counter;
        counter.killSelfAfter = 2;
        counter.startTimer(5, Qt::PreciseTimer);
        QTRY_COMPARE(counter.fired, 2);
        QTest::qWait(50); // a dead timer must stay silent; this waits for an absence
        QCOMPARE(counter.fired, 2);

        // Two timers due in the same pass: the first kills the second before it is delivered.
        TimerCounter pair;
        const int first = pair.startTimer(10, Qt::PreciseTimer);
        const int second = pair.startTimer(10, Qt::PreciseTimer);
        pair.victim = second;
        pair.killSelfAfter = 1;
        QTRY_COMPARE(pair.fired, 1);
        QTest::qWait(40);
        QCOMPARE(pair.order, QList<int>{first});
        QVERIFY(dispatcher()->registeredTimers(&pair).isEmpty());
    }

    void zeroTimerDoesNotStarveSockets()
    {
        QTimer zero;
        int spins = 0;
        connect(&zero, &QTimer::timeout, this, [&] { ++spins; });
        zero.start(0);
        SocketPair pair;
        QSocketNotifier notifier(pair.fds[1], QSocketNotifier::Read);
        QSignalSpy spy(&notifier, &QSocketNotifier::activated);
        QVERIFY(pair.send(0));
        QTRY_VERIFY(spy.size() >= 1);
        QVERIFY(spins > 0);
    }

    void postedEventsAndDeleteLater()
    {
        int calls = 0;
        QMetaObject::invokeMethod(this, [&] { ++calls; }, Qt::QueuedConnection);
        QCOMPARE(calls, 0);
        QPointer<QObject> doomed = new QObject;
        doomed->deleteLater();
        QTRY_COMPARE(calls, 1);
        QTRY_VERIFY(doomed.isNull());
    }

    void signalsAroundBlocking()
    {
        QSignalSpy aboutToBlock(dispatcher(), &QAbstractEventDispatcher::aboutToBlock);
        QSignalSpy awake(dispatcher(), &QAbstractEventDispatcher::awake);
        // QTest::qWait never blocks; a real event loop does.
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
        QVERIFY(aboutToBlock.size() >= 1);
        QVERIFY(awake.size() >= 1);
    }

    void excludeSocketNotifiersDefersActivation()
    {
        SocketPair pair;
        QSocketNotifier notifier(pair.fds[1], QSocketNotifier::Read);
        QSignalSpy spy(&notifier, &QSocketNotifier::activated);
        QVERIFY(pair.send(0));
        for (int i = 0; i < 5; ++i)
            dispatcher()->processEvents(QEventLoop::ExcludeSocketNotifiers);
        QCOMPARE(spy.size(), 0);
        QTRY_VERIFY(spy.size() >= 1);
    }

    void notifierDisabledInsideItsSlot()
    {
        SocketPair pair;
        QSocketNotifier notifier(pair.fds[1], QSocketNotifier::Read);
        int activations = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            ++activations;
            notifier.setEnabled(false); // data stays unread: level-triggered, so only the mask stops it
        });
        QVERIFY(pair.send(0));
        QTRY_COMPARE(activations, 1);
        QTest::qWait(30); // waits for an absence of activations
        QCOMPARE(activations, 1);
        notifier.setEnabled(true);
        QTRY_COMPARE(activations, 2);
    }

    void notifiersDeletedInsideActivation()
    {
        SocketPair pair;
        // Read and write on one fd share one epoll entry; both are ready in the same pass.
        auto *reader = new QSocketNotifier(pair.fds[1], QSocketNotifier::Read);
        auto *writer = new QSocketNotifier(pair.fds[1], QSocketNotifier::Write);
        QPointer<QSocketNotifier> readerAlive = reader;
        QPointer<QSocketNotifier> writerAlive = writer;
        int calls = 0;
        const auto killBoth = [&] {
            ++calls;
            delete readerAlive.data();
            delete writerAlive.data();
        };
        connect(reader, &QSocketNotifier::activated, this, killBoth);
        connect(writer, &QSocketNotifier::activated, this, killBoth);
        QVERIFY(pair.send(0));
        QTRY_VERIFY(readerAlive.isNull() && writerAlive.isNull());
        QTest::qWait(20);
        QCOMPARE(calls, 1);
        QCOMPARE(dispatcher()->watchedFdCount(), 0);
    }

    void regularFileNotifierIsAlwaysReady()
    {
        // epoll refuses regular files (EPERM); poll() reports them ready, and so must we.
        QTemporaryFile file;
        QVERIFY(file.open());
        QSocketNotifier notifier(file.handle(), QSocketNotifier::Read);
        QSignalSpy spy(&notifier, &QSocketNotifier::activated);
        QTRY_VERIFY(spy.size() >= 1);
        notifier.setEnabled(false);
        const qsizetype seen = spy.size();
        QCoreApplication::processEvents();
        QCOMPARE(spy.size(), seen);
    }

    void tcpPairExchangesData()
    {
        TcpPair pair;
        QVERIFY(pair.connect());
        QTcpSocket &client = pair.client;
        const std::unique_ptr<QTcpSocket> &accepted = pair.accepted;
        connect(accepted.get(), &QTcpSocket::readyRead, this, [&] { accepted->write(accepted->readAll()); });
        QByteArray echoed;
        connect(&client, &QTcpSocket::readyRead, this, [&] { echoed += client.readAll(); });
        const QByteArray payload(256 * 1024, 'p'); // bigger than socket buffers: write notifiers work too
        client.write(payload);
        QTRY_COMPARE(echoed.size(), payload.size());
        QCOMPARE(echoed, payload);
    }

    void repliesOnConnectedSocketsNeedNoEpollCtl()
    {
        TcpPair pair;
        QVERIFY(pair.connect());
        QTcpSocket &client = pair.client;
        const std::unique_ptr<QTcpSocket> &accepted = pair.accepted;
        connect(accepted.get(), &QTcpSocket::readyRead, this, [&] { accepted->write(accepted->readAll()); });
        int roundTrips = 0;
        int wanted = 1;
        connect(&client, &QTcpSocket::readyRead, this, [&] {
            roundTrips += int(client.readAll().size());
            if (roundTrips < wanted)
                client.write("x");
        });
        client.write("x");
        QTRY_COMPARE(roundTrips, 1);
        // Both ends write in every round trip; each write is flushed at the end of its own pass.
        const qint64 before = dispatcher()->epollCtlCount();
        wanted = 200;
        client.write("x");
        QTRY_COMPARE(roundTrips, 200);
        QCOMPARE(dispatcher()->epollCtlCount(), before);
    }

    void fullSendBufferWaitsForEpoll()
    {
        TcpPair pair;
        QVERIFY(pair.connect());
        QTcpSocket &client = pair.client;
        const std::unique_ptr<QTcpSocket> &accepted = pair.accepted;
        // The reader does not read at first: the first write attempt fills the kernel's buffers
        // and the rest must wait for epoll to report the socket writable again. Were the write
        // notifier never handed to epoll after that attempt, the rest would never arrive.
        accepted->setReadBufferSize(1);
        const QByteArray payload(8 * 1024 * 1024, 'q');
        client.write(payload);
        QTRY_VERIFY(client.bytesToWrite() > 0 && client.bytesToWrite() < payload.size());
        QByteArray received;
        accepted->setReadBufferSize(0);
        connect(accepted.get(), &QTcpSocket::readyRead, this, [&] { received += accepted->readAll(); });
        received += accepted->readAll();
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), payload.size(), 20000);
        QCOMPARE(received, payload);
        QCOMPARE(client.bytesToWrite(), 0);
    }

    void crossThreadWakeUp()
    {
        QThread thread;
        QObject worker;
        worker.moveToThread(&thread);
        thread.start();
        int received = 0;
        QThread *const mainThread = QThread::currentThread();
        bool onMainThread = true;
        for (int i = 0; i < 50; ++i) {
            QMetaObject::invokeMethod(&worker, [&, mainThread] {
                // Posted from the worker thread while the main loop may be blocked in epoll_wait.
                QMetaObject::invokeMethod(this, [&, mainThread] {
                    onMainThread = onMainThread && QThread::currentThread() == mainThread;
                    ++received;
                }, Qt::QueuedConnection);
            }, Qt::QueuedConnection);
        }
        QTRY_COMPARE(received, 50);
        QVERIFY(onMainThread);
        thread.quit();
        QVERIFY(thread.wait(5000));
    }

    void interruptFromAnotherThreadEndsAWait()
    {
        EpollEventDispatcher *const mainDispatcher = dispatcher();
        QCoreApplication::sendPostedEvents();
        std::unique_ptr<QThread> stopper(QThread::create([mainDispatcher] {
            QThread::msleep(50); // lets the main thread block first
            mainDispatcher->interrupt();
        }));
        QTimer guard; // bounds the wait should the interrupt be lost
        guard.setSingleShot(true);
        guard.start(3000);
        QElapsedTimer elapsed;
        elapsed.start();
        stopper->start();
        mainDispatcher->processEvents(QEventLoop::WaitForMoreEvents);
        QVERIFY2(elapsed.elapsed() < 2000, QByteArray::number(elapsed.elapsed()).constData());
        QVERIFY(guard.isActive());
        QVERIFY(stopper->wait(5000));
    }

    void webSocketEcho()
    {
        QWebSocketServer server(u"echo"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        std::vector<std::unique_ptr<QWebSocket>> peers;
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            while (QWebSocket *peer = server.nextPendingConnection()) {
                peers.emplace_back(peer);
                connect(peer, &QWebSocket::textMessageReceived, peer, [peer](const QString &m) {
                    peer->sendTextMessage(m);
                });
            }
        });
        QWebSocket client;
        QStringList replies;
        connect(&client, &QWebSocket::textMessageReceived, this, [&](const QString &m) { replies.append(m); });
        QUrl url;
        url.setScheme(u"ws"_s);
        url.setHost(u"127.0.0.1"_s);
        url.setPort(server.serverPort());
        client.open(url);
        QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
        for (int i = 0; i < 10; ++i)
            client.sendTextMessage(u"m%1"_s.arg(i));
        QTRY_COMPARE(replies.size(), 10);
        QCOMPARE(replies.constFirst(), u"m0"_s);
        QCOMPARE(replies.constLast(), u"m9"_s);
        client.close();
    }

    void manyIdlePairsStayRegistered()
    {
        constexpr int idlePairs = 2000;
        QTcpServer server;
        server.setListenBacklogSize(4096);
        server.setMaxPendingConnections(idlePairs + 10);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        std::vector<std::unique_ptr<QTcpSocket>> accepted;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *peer = server.nextPendingConnection())
                accepted.emplace_back(peer);
        });
        for (int i = 0; i < idlePairs + 1; ++i) {
            clients.emplace_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(QHostAddress::LocalHost, server.serverPort());
        }
        QTRY_COMPARE_WITH_TIMEOUT(int(accepted.size()), idlePairs + 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(), [](const auto &c) {
            return c->state() == QAbstractSocket::ConnectedState;
        }), 20000);
        // Every socket (both ends) keeps a read notifier, so it stays in the epoll set.
        QVERIFY2(dispatcher()->watchedFdCount() >= 2 * (idlePairs + 1),
                 QByteArray::number(dispatcher()->watchedFdCount()).constData());

        QTcpSocket *active = clients.back().get();
        QTcpSocket *peer = accepted.back().get();
        connect(peer, &QTcpSocket::readyRead, peer, [peer] { peer->write(peer->readAll()); });
        int roundTrips = 0;
        connect(active, &QTcpSocket::readyRead, this, [&] {
            roundTrips += int(active->readAll().size());
            if (roundTrips < 500)
                active->write("x");
        });
        active->write("x");
        QTRY_COMPARE_WITH_TIMEOUT(roundTrips, 500, 20000);
        // The idle ones saw nothing and are still connected.
        QVERIFY(std::none_of(clients.begin(), clients.end() - 1, [](const auto &c) { return c->bytesAvailable() > 0; }));
        QCOMPARE(clients.front()->state(), QAbstractSocket::ConnectedState);
    }
};

int main(int argc, char *argv[])
{
    // Installed before the application object, exactly as recordlockd does.
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
