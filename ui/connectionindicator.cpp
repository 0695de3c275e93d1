#include "ui/connectionindicator.h"

#include <algorithm>

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

#include "client/serverlist.h"
#include "ui/statusicons.h"

using namespace Qt::StringLiterals;

namespace recordlock {

ConnectionIndicator::ConnectionIndicator(Connection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_icon(new QLabel(this))
    , m_label(new QLabel(this))
    , m_retryButton(new QToolButton(this))
    , m_retry(new QAction(tr("Retry now"), this))
{
    setObjectName(u"connectionIndicator"_s);
    m_retry->setShortcut(QKeySequence(Qt::Key_F5));
    m_retry->setToolTip(tr("Reconnect to the server now (F5)"));
    m_retry->setEnabled(false);
    // Added to this widget too, so F5 works while the indicator shows, even if the button is hidden.
    addAction(m_retry);
    m_retryButton->setDefaultAction(m_retry);
    m_retryButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_retryButton->setVisible(false);
    connect(m_retry, &QAction::triggered, this, [this] { m_connection->retryNow(); });

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setFixedSize(iconSize, iconSize);
    m_label->setTextFormat(Qt::PlainText);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(6);
    layout->addWidget(m_icon);
    layout->addWidget(m_label);
    layout->addWidget(m_retryButton);

    m_countdown.setInterval(250);
    connect(&m_countdown, &QTimer::timeout, this, &ConnectionIndicator::refreshText);
    connect(m_connection, &Connection::stateChanged, this, &ConnectionIndicator::onStateChanged);
    connect(m_connection, &Connection::sessionTakenOver, this, [this] {
        m_takenOver = true;
        refreshText();
    });
    connect(m_connection, &Connection::signedIn, this, [this] { m_takenOver = false; });
    connect(m_connection, &Connection::connectErrorChanged, this, &ConnectionIndicator::refreshText);
    connect(m_connection, &Connection::serverChanged, this, &ConnectionIndicator::refreshText);
    connect(m_connection, &Connection::certificateRefusalChanged, this, &ConnectionIndicator::refreshText);
    onStateChanged();
}

QString ConnectionIndicator::text() const
{
    return m_label->text();
}

QString ConnectionIndicator::details() const
{
    return toolTip();
}

void ConnectionIndicator::onStateChanged()
{
    const bool waiting = m_connection->state() == Connection::State::WaitingToReconnect;
    m_retry->setEnabled(waiting);
    m_retryButton->setVisible(waiting);
    if (waiting)
        m_countdown.start();
    else
        m_countdown.stop();
    refreshText();
}

void ConnectionIndicator::refreshText()
{
    QString text;
    StatusIcon icon = StatusIcon::Offline;
    const int attempt = m_connection->reconnectAttempt();
    const QString certificateError = m_connection->certificateRefused() ? m_connection->connectError() : QString();
    switch (m_connection->state()) {
    case Connection::State::Online: {
        const QUrl refused = m_connection->certificateRefusal().server;
        if (refused.isValid() && refused != m_connection->url()) {
            // Failed over past a server whose certificate was refused: working, but not as meant.
            text = tr("Connected — the certificate of %1 was refused").arg(ServerList::hostAndPort(refused));
            icon = StatusIcon::Warning;
        } else {
            text = tr("Connected");
            icon = StatusIcon::Connected;
        }
        break;
    }
    case Connection::State::WaitingToReconnect: {
        const qint64 seconds = (m_connection->reconnectInMs() + 999) / 1000;
        if (certificateError.isEmpty()) {
            text = tr("Reconnecting in %1 s (attempt %2)").arg(seconds).arg(std::max(attempt, 1));
            icon = StatusIcon::Reconnecting;
        } else {
            text = tr("%1 — trying again in %2 s").arg(certificateError).arg(seconds);
            icon = StatusIcon::Error;
        }
        break;
    }
    case Connection::State::Connecting:
    case Connection::State::Authenticating:
        text = attempt > 0 ? tr("Reconnecting… (attempt %1)").arg(attempt) : tr("Connecting…");
        icon = StatusIcon::Reconnecting;
        break;
    case Connection::State::Offline:
        if (!certificateError.isEmpty() && !m_takenOver) {
            text = certificateError;
            icon = StatusIcon::Error;
        } else {
            text = m_takenOver ? tr("Offline — this session was opened in another window") : tr("Offline");
            icon = StatusIcon::Offline;
        }
        break;
    }
    const QString details = describeServer();
    if (details != toolTip()) {
        setAccessibleDescription(details);
        setToolTip(details);
    }
    if (text == m_label->text())
        return;
    m_label->setText(text);
    if (m_shownIcon != icon) {
        m_shownIcon = icon;
        m_icon->setPixmap(statusIcon(icon).pixmap(m_icon->size()));
    }
    // QWidget announces the new name (NameChanged) to screen readers.
    setAccessibleName(text);
}

QString ConnectionIndicator::describeServer() const
{
    const QString server = ServerList::hostAndPort(m_connection->url());
    QString details;
    switch (m_connection->state()) {
    case Connection::State::Online:
        details = tr("Connected to %1").arg(server);
        break;
    case Connection::State::Connecting:
    case Connection::State::Authenticating:
        details = tr("Connecting to %1").arg(server);
        break;
    case Connection::State::WaitingToReconnect:
        details = tr("Not connected; next attempt: %1").arg(server);
        break;
    case Connection::State::Offline:
        details = m_connection->servers().isEmpty()
            ? tr("Not connected")
            : tr("Not connected; servers: %1").arg(ServerList::hostsAndPorts(m_connection->servers()));
        break;
    }
    const Connection::CertificateRefusal refusal = m_connection->certificateRefusal();
    if (refusal.server.isValid())
        details += u'\n' + tr("Certificate of %1 refused: %2").arg(ServerList::hostAndPort(refusal.server), refusal.reason);
    return details;
}

} // namespace recordlock
