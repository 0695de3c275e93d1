#pragma once

#include <QString>

class QCommandLineOption;
class QCommandLineParser;
class QProcessEnvironment;

namespace recordlock {

/// A flag's value, else its environment variable's, and which of them gave it (for messages).
struct OptionSetting
{
    QString value;
    /// "--flag" or the variable's name.
    QString source;
    bool isSet = false;

    /// The flag if given, else the variable if set, else an unset setting.
    static OptionSetting pick(const QCommandLineParser &parser, const QCommandLineOption &option,
                              const QProcessEnvironment &environment, const QString &variable);
};

} // namespace recordlock
