#pragma once

#include <QString>
#include <QStringList>

#include "bench/benchconfig.h"

namespace recordlock {

/// recordlock-bench's command line, turned into a BenchConfig; invalid values yield a message
/// for stderr (exit code 2).
class BenchOptions
{
public:
    /// What parse() found.
    enum class Outcome { Run, ShowHelp, Invalid };

    /// Parses arguments (argv[0] first); needs no QCoreApplication (the dispatcher is chosen before it).
    Outcome parse(const QStringList &arguments);
    /// True if this build has the epoll event dispatcher.
    static bool epollAvailable();

    /// The run's configuration (valid after Outcome::Run).
    const BenchConfig &config() const { return m_config; }
    /// The event dispatcher to install ("epoll" or "qt").
    const QString &eventDispatcher() const { return m_eventDispatcher; }
    /// Why parsing failed.
    const QString &error() const { return m_error; }
    /// The --help text.
    const QString &helpText() const { return m_helpText; }

private:
    Outcome fail(const QString &message);

    BenchConfig m_config;
    QString m_eventDispatcher = epollAvailable() ? QStringLiteral("epoll") : QStringLiteral("qt");
    QString m_error;
    QString m_helpText;
};

} // namespace recordlock
