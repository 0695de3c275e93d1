#include "passwordreader.h"

#include <algorithm>
#include <termios.h>
#include <unistd.h>

#include <QByteArray>

using namespace Qt::StringLiterals;

namespace recordlock {

namespace {

/// Turns terminal echo off while it lives, so the password is not shown as it is typed.
class EchoOff
{
public:
    explicit EchoOff(int fd)
        : m_fd(fd)
    {
        if (tcgetattr(m_fd, &m_saved) != 0)
            return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        m_active = tcsetattr(m_fd, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff()
    {
        if (m_active)
            tcsetattr(m_fd, TCSAFLUSH, &m_saved);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    int m_fd;
    termios m_saved{};
    bool m_active = false;
};

/// Overwrites a buffer that held a password before it is freed.
void wipe(QByteArray &bytes)
{
    std::fill(bytes.begin(), bytes.end(), '\0');
    bytes.clear();
}

} // namespace

PasswordReader::PasswordReader(bool fromStdin, FILE *input, FILE *prompts)
    : m_fromStdin(fromStdin)
    , m_input(input)
    , m_prompts(prompts)
{
}

bool PasswordReader::isTerminal() const
{
    return isatty(fileno(m_input)) == 1;
}

std::optional<QString> PasswordReader::readNew(const QString &prompt, QString *error)
{
    if (!m_fromStdin && !isTerminal()) {
        *error = u"stdin is not a terminal; pass --password-stdin to read the password from it"_s;
        return std::nullopt;
    }
    std::optional<QString> first = readLine(prompt, error);
    if (!first || m_fromStdin)
        return first;
    const std::optional<QString> again = readLine(u"Repeat the password: "_s, error);
    if (!again)
        return std::nullopt;
    if (*first != *again) {
        *error = u"the two passwords differ"_s;
        return std::nullopt;
    }
    return first;
}

std::optional<QString> PasswordReader::readLine(const QString &prompt, QString *error)
{
    std::optional<EchoOff> echoOff;
    if (!m_fromStdin) {
        std::fputs(prompt.toLocal8Bit().constData(), m_prompts);
        std::fflush(m_prompts);
        echoOff.emplace(fileno(m_input));
    }
    QByteArray line;
    bool ended = true;
    for (int c = std::fgetc(m_input); c != EOF; c = std::fgetc(m_input)) {
        if (c == '\n') {
            ended = false;
            break;
        }
        line.append(char(c));
        ended = false;
    }
    if (!m_fromStdin) {
        echoOff.reset();
        std::fputc('\n', m_prompts); // the Enter typed was not echoed either
    }
    if (ended) {
        *error = u"no password given (input ended)"_s;
        return std::nullopt;
    }
    if (line.endsWith('\r'))
        line.chop(1);
    const QString password = QString::fromUtf8(line);
    wipe(line);
    return password;
}

} // namespace recordlock
