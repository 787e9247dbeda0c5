#pragma once

#include <QStringList>

// kernel-studio-cli batch: the whole recipe on every input (files, wildcard patterns,
// directories), written into one output directory with the inputs' relative paths kept.
namespace ks::cli {

int runBatch(const QStringList &arguments);

} // namespace ks::cli
