// libFuzzer target: arbitrary message sequences through the real server request path
// (RequestDispatcher, every handler, LockManager, SQLite) over in-memory connections.
// The input format is described in fuzzscript.h; seeds are in corpus/fuzz_dispatcher.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include "dispatcherfixture.h"

using namespace Qt::StringLiterals;

namespace {

// Everything lives until the process ends: libFuzzer exits from inside its loop, and Qt's own
// globals would be gone before static destructors of ours ran.
int g_argc = 1;
char g_arg0[] = "fuzz_dispatcher";
char *g_argv[] = {g_arg0, nullptr};
QCoreApplication *g_app = nullptr;
recordlock::fuzz::DispatcherFixture *g_fixture = nullptr;
std::string g_dataDir;

void removeDataDir()
{
    std::error_code ignored;
    std::filesystem::remove_all(g_dataDir, ignored);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    g_app = new QCoreApplication(g_argc, g_argv);
    // The server logs every failed request; at thousands of runs a second that is only noise.
    QLoggingCategory::setFilterRules(u"recordlock.*=false"_s);
    QTemporaryDir dir(QDir::tempPath() + u"/recordlock-fuzz-XXXXXX"_s);
    dir.setAutoRemove(false);
    if (!dir.isValid()) {
        std::fprintf(stderr, "fuzz_dispatcher: cannot create a temporary directory\n");
        std::abort();
    }
    g_dataDir = dir.path().toStdString();
    std::atexit(removeDataDir);
    g_fixture = new recordlock::fuzz::DispatcherFixture(dir.path());
    QString error;
    if (!g_fixture->start(&error)) {
        std::fprintf(stderr, "fuzz_dispatcher: %s\n", error.toUtf8().constData());
        std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_fixture->run(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
