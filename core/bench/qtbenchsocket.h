#pragma once

#include <QWebSocket>

#include "bench/benchsocket.h"

namespace recordlock {

/// A BenchSocket on QWebSocket, for wss:// (TLS) servers.
class QtBenchSocket : public BenchSocket
{
    Q_OBJECT

public:
    explicit QtBenchSocket(QObject *parent = nullptr);

    // BenchSocket
    void open(const QUrl &url) override;
    void sendText(const QByteArray &utf8) override;
    void close() override;
    QString endReason() const override;

private:
    QWebSocket m_socket;
};

} // namespace recordlock
