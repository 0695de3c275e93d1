#pragma once

#include <cstdio>
#include <optional>

#include <QString>

namespace recordlock {

/// Reads a password for `recordlockd user`: from the terminal without echo, or (with
/// --password-stdin, for scripts) as the first line of stdin. Never from the command line, where
/// other users could read it in the process list.
class PasswordReader
{
public:
    /// fromStdin: read stdin even when it is no terminal; prompts go to stderr.
    explicit PasswordReader(bool fromStdin, FILE *input = stdin, FILE *prompts = stderr);

    /// A new password: asked twice on a terminal (both must match), read once from stdin.
    /// nullopt with *error set when there is no terminal, input ends, or the two differ.
    std::optional<QString> readNew(const QString &prompt, QString *error);

private:
    std::optional<QString> readLine(const QString &prompt, QString *error);
    bool isTerminal() const;

    bool m_fromStdin;
    FILE *m_input;
    FILE *m_prompts;
};

} // namespace recordlock
