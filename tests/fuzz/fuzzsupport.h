#pragma once

// Shared by the libFuzzer harnesses: a finding is a crash, a sanitizer report, or a broken
// promise checked with KS_FUZZ_CHECK (a round trip that does not give back what went in).
#include <QByteArray>
#include <QGuiApplication>
#include <QString>

#include <cstdio>
#include <cstdlib>

#define KS_FUZZ_CHECK(condition, ...)                                                                                  \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "fuzz check failed: %s\n", #condition);                                              \
            std::fprintf(stderr, __VA_ARGS__);                                                                         \
            std::fprintf(stderr, "\n");                                                                                \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

namespace ks::fuzz {

// A QGuiApplication on the offscreen platform, once: SVG text needs fonts, and image plugins
// are found through the application's library paths.
inline void startApplication()
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = {name, nullptr};
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static QGuiApplication app(argc, argv);
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

inline QString text(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}


} // namespace ks::fuzz
