// Peak resident memory of one filter run on a 6000x4000 RGBA8 image, next to the image's
// own size. Linux only: the peak (VmHWM) is reset through /proc/self/clear_refs after the
// input exists, so the figure is what the run needs on top of the process with its input.
#include "benchimages.h"
#include "engine.h"

#include <QFile>

#include <cstdio>

namespace {

long statusKilobytes(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').first().toLong();
    return -1;
}

void resetPeak()
{
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5"); // resets VmHWM to the current resident size
}

} // namespace

int main()
{
    const int width = 6000, height = 4000;
    const double imageMb = width * double(height) * 4 / 1048576.0;
    const ks::Engine engine(2);
    const long base = statusKilobytes("VmRSS:");
    std::printf("| case | image MB | peak over the process before the input, MB | x image |\n|---|---|---|---|\n");
    for (const char *name : {"seed5x5", "gaussS2", "gaussS10", "gaussS50", "box31", "custom15", "gaussS2alpha"}) {
        QImage image = ks::bench::texturedImage(width, height, QByteArray(name).endsWith("alpha"));
        const ks::FilterSettings settings = ks::bench::caseSettings(QString::fromLatin1(name));
        resetPeak();
        ks::Result<QImage> result = engine.apply(image, settings);
        const long peak = statusKilobytes("VmHWM:");
        std::printf("| %s | %.0f | %.0f | %.2f |\n", name, imageMb, (peak - base) / 1024.0,
                    (peak - base) / 1024.0 / imageMb);
        if (!result.ok())
            return 1;
    }
    return 0;
}
