#include "fuzzscript.h"

namespace recordlock::fuzz {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Reads a bounded decimal number at the start of line; advances line past it.
qint64 takeNumber(QByteArrayView &line, qint64 max)
{
    qint64 value = 0;
    while (!line.isEmpty() && isDigit(line.front())) {
        value = qMin(max, value * 10 + (line.front() - '0'));
        line = line.sliced(1);
    }
    return value;
}

FuzzStep parseLine(QByteArrayView line)
{
    FuzzStep step;
    if (line.startsWith('+') && line.size() > 1 && isDigit(line[1])) {
        line = line.sliced(1);
        step.kind = FuzzStep::Kind::Advance;
        step.advanceMs = takeNumber(line, FuzzScript::MaxAdvanceMs);
        return step;
    }
    if (line.size() >= 2 && line[0] == '@' && line[1] >= '0' && line[1] < '0' + FuzzScript::MaxPeers) {
        step.peer = line[1] - '0';
        line = line.sliced(2);
        if (line.startsWith('!')) {
            step.kind = FuzzStep::Kind::Drop;
            return step;
        }
        if (line.startsWith('%')) {
            step.kind = FuzzStep::Kind::SendBinary;
            step.payload = line.sliced(1).toByteArray();
            return step;
        }
        if (line.startsWith(' '))
            line = line.sliced(1);
    }
    if (line.size() >= 2 && line[0] == '*' && isDigit(line[1])) {
        line = line.sliced(1);
        step.repeat = int(qMax<qint64>(1, takeNumber(line, FuzzScript::MaxRepeat)));
        if (line.startsWith(' '))
            line = line.sliced(1);
    }
    step.payload = line.toByteArray();
    return step;
}

} // namespace

QList<FuzzStep> FuzzScript::parse(QByteArrayView data)
{
    QList<FuzzStep> steps;
    int messages = 0;
    while (!data.isEmpty() && steps.size() < MaxSteps) {
        const qsizetype end = data.indexOf('\n');
        const QByteArrayView line = end < 0 ? data : data.first(end);
        data = end < 0 ? QByteArrayView() : data.sliced(end + 1);
        if (line.isEmpty())
            continue;
        FuzzStep step = parseLine(line);
        if (step.kind == FuzzStep::Kind::Send || step.kind == FuzzStep::Kind::SendBinary) {
            step.repeat = qMin(step.repeat, MaxMessages - messages);
            if (step.repeat <= 0)
                break;
            messages += step.repeat;
        }
        steps.append(std::move(step));
    }
    return steps;
}

} // namespace recordlock::fuzz
