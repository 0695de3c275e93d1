#include "optionsetting.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace recordlock {

OptionSetting OptionSetting::pick(const QCommandLineParser &parser, const QCommandLineOption &option,
                                  const QProcessEnvironment &environment, const QString &variable)
{
    if (parser.isSet(option))
        return OptionSetting{parser.value(option), u"--"_s + option.names().constFirst(), true};
    if (environment.contains(variable))
        return OptionSetting{environment.value(variable), variable, true};
    return {};
}

} // namespace recordlock
