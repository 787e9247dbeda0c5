#pragma once

#include <QStringList>

// kernel-studio-cli's commands. Each returns the process exit status:
// 0 success, 1 failure (a file could not be read or written), 2 usage error.
namespace ks::cli {

constexpr int ExitSuccess = 0;
constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

// arguments without the program name, e.g. {"apply", "in.png", "-f", "box", "-o", "out.png"}
int run(const QStringList &arguments);

} // namespace ks::cli
