// recordlock-eventloop-bench: round-trip latency of one active loopback TCP pair while N idle
// connections stay registered with the server thread's event dispatcher, for Qt's default
// dispatcher and for EpollEventDispatcher. Prints numbers; never fails on timing.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include <QAbstractEventDispatcher>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QThread>

#include "echoserver.h"
#include "eventloop/epolleventdispatcher.h"

using namespace Qt::StringLiterals;
using namespace recordlock;

namespace {

using SteadyClock = std::chrono::steady_clock;

int connectBlocking(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// Waits (bounded) until the server thread has accepted count connections.
bool waitAccepted(const EchoServer &server, int count)
{
    const auto deadline = SteadyClock::now() + std::chrono::seconds(60);
    while (server.acceptedCount() < count) {
        if (SteadyClock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

struct Result
{
    bool ok = false;
    QString dispatcherClass;
    std::vector<double> roundTripsUs;
    double seconds = 0;
};

double percentile(const std::vector<double> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    const auto index = std::min(sorted.size() - 1, std::size_t(p * double(sorted.size() - 1) + 0.5));
    return sorted[index];
}

/// One configuration: a server thread with the given dispatcher, idle connections, then ping-pong.
Result run(bool epoll, int idle, int roundTrips)
{
    Result result;
    QThread thread;
    if (epoll)
        thread.setEventDispatcher(new EpollEventDispatcher);
    auto *server = new EchoServer;
    server->moveToThread(&thread);
    thread.start();
    quint16 port = 0;
    QMetaObject::invokeMethod(server, [&] { port = server->listen(); }, Qt::BlockingQueuedConnection);
    result.dispatcherClass = QString::fromLatin1(thread.eventDispatcher()->metaObject()->className());

    std::vector<int> fds;
    bool ok = port != 0;
    for (int i = 0; ok && i < idle; ++i) {
        const int fd = connectBlocking(port);
        ok = fd >= 0;
        if (ok)
            fds.push_back(fd);
        if (ok && i % 500 == 499)
            ok = waitAccepted(*server, i + 1); // keeps the accept queue short
    }
    const int active = ok ? connectBlocking(port) : -1;
    ok = active >= 0 && waitAccepted(*server, idle + 1);
    if (active >= 0)
        fds.push_back(active);

    char message[32] = "ping-pong-ping-pong-ping-pong-p";
    const int warmUp = std::min(200, roundTrips);
    const auto started = SteadyClock::now();
    for (int i = 0; ok && i < warmUp + roundTrips; ++i) {
        const auto sent = SteadyClock::now();
        ok = ::send(active, message, sizeof message, 0) == ssize_t(sizeof message);
        std::size_t received = 0;
        while (ok && received < sizeof message) {
            const ssize_t n = ::recv(active, message + received, sizeof message - received, 0);
            ok = n > 0;
            received += ok ? std::size_t(n) : 0;
        }
        if (ok && i >= warmUp)
            result.roundTripsUs.push_back(std::chrono::duration<double, std::micro>(SteadyClock::now() - sent).count());
    }
    result.seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
    for (const int fd : fds)
        ::close(fd);
    QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    result.ok = ok;
    std::sort(result.roundTripsUs.begin(), result.roundTripsUs.end());
    return result;
}

QList<int> parseCounts(const QString &text, bool *ok)
{
    QList<int> counts;
    *ok = true;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        bool partOk = false;
        const int value = part.trimmed().toInt(&partOk);
        *ok = *ok && partOk && value >= 0 && value <= 9000;
        counts.append(value);
    }
    return counts;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Loopback round trips with N idle connections, per event dispatcher."_s);
    parser.addHelpOption();
    const QCommandLineOption idleOption(u"idle"_s, u"Comma-separated idle connection counts (default 0,1000,5000)."_s,
                                        u"N,..."_s, u"0,1000,5000"_s);
    const QCommandLineOption roundsOption(u"round-trips"_s, u"Measured round trips per run (default 2000)."_s,
                                          u"N"_s, u"2000"_s);
    const QCommandLineOption dispatchersOption(u"dispatchers"_s, u"Comma-separated: qt,epoll (default both)."_s,
                                               u"LIST"_s, u"qt,epoll"_s);
    parser.addOptions({idleOption, roundsOption, dispatchersOption});
    parser.process(app);

    bool ok = false;
    const QList<int> idleCounts = parseCounts(parser.value(idleOption), &ok);
    const int roundTrips = parser.value(roundsOption).toInt();
    const QStringList dispatchers = parser.value(dispatchersOption).split(u',', Qt::SkipEmptyParts);
    if (!ok || roundTrips < 1 || roundTrips > 1'000'000 || dispatchers.isEmpty()) {
        std::fputs("recordlock-eventloop-bench: bad --idle, --round-trips or --dispatchers\n", stderr);
        return 2;
    }

    std::printf("%-30s %6s %9s %9s %9s %9s %10s\n", "dispatcher", "idle", "p50_us", "p90_us", "p99_us", "max_us",
                "rt_per_s");
    int failures = 0;
    for (const QString &name : dispatchers) {
        for (const int idle : idleCounts) {
            const Result r = run(name.trimmed() == u"epoll", idle, roundTrips);
            if (!r.ok || r.roundTripsUs.empty()) {
                std::printf("%-30s %6d   FAILED (connection or echo error)\n", qPrintable(r.dispatcherClass), idle);
                ++failures;
                continue;
            }
            const auto &v = r.roundTripsUs;
            std::printf("%-30s %6d %9.1f %9.1f %9.1f %9.1f %10.0f\n", qPrintable(r.dispatcherClass), idle,
                        percentile(v, 0.5), percentile(v, 0.9), percentile(v, 0.99), v.back(),
                        double(v.size()) / r.seconds);
            std::fflush(stdout);
        }
    }
    // Only broken connections fail the run, never slowness.
    return failures == 0 ? 0 : 1;
}
