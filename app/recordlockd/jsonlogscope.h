#pragma once

#include <QtGlobal>

namespace recordlock {

class Clock;

/// While it exists, every Qt log message goes to stderr as one JSON line (--log-format json);
/// the previous handler (Qt's plain text) is back afterwards. One at a time.
class JsonLogScope
{
public:
    /// Installs the handler; clock stamps the lines and must outlive this object.
    explicit JsonLogScope(const Clock &clock);
    /// Restores the previous handler.
    ~JsonLogScope();
    JsonLogScope(const JsonLogScope &) = delete;
    JsonLogScope &operator=(const JsonLogScope &) = delete;

private:
    QtMessageHandler m_previous = nullptr;
};

} // namespace recordlock
