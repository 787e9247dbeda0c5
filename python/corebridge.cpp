#include "corebridge.h"

#include "engine.h"
#include "filterregistry.h"
#include "filtersettings.h"
#include "imageio.h"
#include "kernel.h"
#include "kerneltext.h"
#include "presets.h"
#include "recipe.h"

#include <QCoreApplication>
#include <QFile>
#include <QGuiApplication>
#include <QStringList>

#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>

namespace ks::python {

namespace {

std::string str(const QString &text)
{
    return text.toStdString();
}

QString qstr(const std::string &text)
{
    return QString::fromStdString(text);
}

[[noreturn]] void fail(BridgeError::Kind kind, const QString &reason)
{
    throw BridgeError(kind, str(reason));
}

// Qt's warnings about bad files would duplicate the one-line reasons raised as exceptions.
void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg || qEnvironmentVariableIsSet("KS_VERBOSE"))
        fprintf(stderr, "%s\n", qPrintable(message));
}

// Rasterising SVG text needs a GUI application (fonts), not a display: made once, offscreen,
// unless the process already has a Qt application of its own.
void ensureApplication()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (QCoreApplication::instance())
            return;
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        qInstallMessageHandler(quietMessages);
        static int argc = 1;
        static char name[] = "kernelstudio";
        static char *argv[] = {name, nullptr};
        new QGuiApplication(argc, argv); // lives as long as the process
    });
}

KernelData toData(const Kernel &k)
{
    return {k.width(), k.height(), k.weights(), k.anchorX(), k.anchorY(), k.factor(), k.bias()};
}

Kernel toKernel(const KernelData &d)
{
    Kernel k(d.width, d.height, d.weights);
    k.setAnchor(d.anchorX, d.anchorY);
    k.setFactor(d.factor);
    k.setBias(d.bias);
    return k;
}

FilterSettings parseSpec(const std::string &spec, const FilterSettings &base = {})
{
    const Result<FilterSettings> parsed = parseFilterSpec(qstr(spec), base);
    if (!parsed)
        fail(BridgeError::Kind::Value, parsed.error());
    return *parsed;
}

std::string paramType(const ParamDeclaration &p)
{
    switch (p.type) {
    case ParamType::Kernel:
        return "kernel";
    case ParamType::Switch:
        return "bool";
    case ParamType::Size:
        return "int";
    default:
        return "float";
    }
}

// The settings every step starts from: apply()'s border, alpha, linear and region.
FilterSettings baseSettings(const ApplyOptions &options)
{
    FilterSettings base;
    if (options.border) {
        const auto mode = borderModeFromName(qstr(*options.border).trimmed());
        if (!mode)
            fail(BridgeError::Kind::Value, QStringLiteral("border: unknown border mode '%1' (known: %2)")
                                               .arg(qstr(*options.border), borderModeNames()));
        base.border = *mode;
    }
    if (options.alpha) {
        const auto mode = alphaModeFromName(qstr(*options.alpha).trimmed());
        if (!mode)
            fail(BridgeError::Kind::Value, QStringLiteral("alpha: unknown alpha mode '%1' (known: %2)")
                                               .arg(qstr(*options.alpha), alphaModeNames()));
        base.alpha = *mode;
    }
    if (options.linear)
        base.linearLight = *options.linear;
    if (options.region) {
        const auto &r = *options.region;
        if (r[2] <= 0 || r[3] <= 0)
            fail(BridgeError::Kind::Value,
                 QStringLiteral("region must be x,y,width,height in whole pixels, width and height above 0 "
                                "(got '%1,%2,%3,%4')")
                     .arg(r[0])
                     .arg(r[1])
                     .arg(r[2])
                     .arg(r[3]));
        base.region = QRect(r[0], r[1], r[2], r[3]);
    }
    return base;
}

Recipe makeRecipe(const std::vector<std::string> &specs, const ApplyOptions &options)
{
    const FilterSettings base = baseSettings(options);
    Recipe recipe;
    for (const std::string &spec : specs)
        recipe.steps << parseSpec(spec, base);
    if (recipe.steps.isEmpty())
        fail(BridgeError::Kind::Value, QStringLiteral("no filter given"));
    return recipe;
}

// Engines are kept per thread count: their pools' threads are then started once, not per call.
// Engine::apply may run concurrently. Never destroyed, so no pool outlives its threads' joins
// at interpreter exit.
const Engine &engineFor(int threads)
{
    static std::mutex mutex;
    static std::map<int, const Engine *> engines;
    const std::lock_guard lock(mutex);
    const Engine *&engine = engines[threads];
    if (!engine)
        engine = new Engine(threads);
    return *engine;
}

// A QImage over the caller's pixels where the engine takes them as they are; otherwise the one
// conversion needed (RGB 16-bit has no Qt format: it becomes RGBA64, opaque).
QImage wrap(const PixelsIn &in, QImage::Format rgb16 = QImage::Format_RGBA64)
{
    const auto *bytes = static_cast<const uchar *>(in.data);
    if (in.depth == 1) {
        const QImage::Format format = in.channels == 1   ? QImage::Format_Grayscale8
                                      : in.channels == 3 ? QImage::Format_RGB888
                                                         : QImage::Format_RGBA8888;
        return QImage(bytes, in.width, in.height, in.rowStride, format);
    }
    if (in.channels == 1)
        return QImage(bytes, in.width, in.height, in.rowStride, QImage::Format_Grayscale16);
    if (in.channels == 4)
        return QImage(bytes, in.width, in.height, in.rowStride, QImage::Format_RGBA64);
    QImage image(in.width, in.height, rgb16);
    if (image.isNull())
        fail(BridgeError::Kind::Memory,
             QStringLiteral("not enough memory for a %1x%2 image").arg(in.width).arg(in.height));
    for (int y = 0; y < in.height; ++y) {
        const auto *src = reinterpret_cast<const quint16 *>(bytes + y * in.rowStride);
        auto *dst = reinterpret_cast<quint16 *>(image.scanLine(y));
        for (int x = 0; x < in.width; ++x, src += 3, dst += 4) {
            dst[0] = src[0];
            dst[1] = src[1];
            dst[2] = src[2];
            dst[3] = 65535;
        }
    }
    return image;
}

// Hands a QImage's pixels out without copying; gray, RGB (8-bit without alpha) or RGBA.
PixelsOut unwrap(const QImage &image, bool keepRgb)
{
    QImage view = image;
    int channels = 4;
    int depth = 1;
    switch (image.format()) {
    case QImage::Format_Grayscale8:
        channels = 1;
        break;
    case QImage::Format_Grayscale16:
        channels = 1;
        depth = 2;
        break;
    case QImage::Format_RGBA8888:
        break;
    case QImage::Format_RGBA64:
        depth = 2;
        break;
    default:
        if (image.depth() >= 48) {
            view = image.convertToFormat(QImage::Format_RGBA64);
            depth = 2;
        } else if (keepRgb && !image.hasAlphaChannel()) {
            view = image.convertToFormat(QImage::Format_RGB888);
            channels = 3;
        } else {
            view = image.convertToFormat(QImage::Format_RGBA8888);
        }
        break;
    }
    auto owner = std::make_shared<const QImage>(view);
    PixelsOut out;
    out.data = owner->constBits();
    out.width = owner->width();
    out.height = owner->height();
    out.channels = channels;
    out.depth = depth;
    out.rowStride = owner->bytesPerLine();
    out.owner = owner;
    return out;
}

} // namespace

std::vector<FilterDesc> filters()
{
    std::vector<FilterDesc> result;
    for (const FilterDeclaration *f : allFilters()) {
        FilterDesc desc{f->name, f->displayName, f->description, kernelRoleName(f->kernelRole), {}};
        const FilterSettings defaults(*f);
        for (const ParamDeclaration &p : f->params) {
            ParamDesc param;
            param.key = p.key;
            param.label = p.label;
            param.type = paramType(p);
            param.minimum = p.minimum;
            param.maximum = p.maximum;
            param.defaultValue = p.defaultValue;
            if (const std::optional<QString> text = paramText(defaults, p))
                param.defaultText = str(*text);
            param.optional = p.isKernel() && !p.defaultKernel;
            param.allowed = str(allowedValues(p));
            desc.params.push_back(param);
        }
        result.push_back(desc);
    }
    return result;
}

std::string commonOptionsText()
{
    return str(QStringLiteral("border: %1 (default clamp); alpha: %2 (default premultiplied); linear: true or "
                              "false; region: x;y;width;height; enabled: true or false")
                   .arg(borderModeNames(), alphaModeNames()));
}

std::string normalizeSpec(const std::string &spec)
{
    return str(filterSpec(parseSpec(spec)));
}

KernelData kernelFromSpec(const std::string &spec)
{
    return toData(parseSpec(spec).kernel());
}

KernelData kernelFromText(const std::string &text)
{
    const Result<Kernel> parsed = parseKernelText(qstr(text));
    if (!parsed)
        fail(BridgeError::Kind::Value, parsed.error());
    return toData(*parsed);
}

KernelData makeKernel(int width, int height, std::vector<float> weights, int anchorX, int anchorY, double factor,
                      double bias)
{
    if (width < 1 || height < 1 || width > Kernel::MaxSide || height > Kernel::MaxSide)
        fail(BridgeError::Kind::Value, QStringLiteral("a kernel's sides must be 1 to %1 (got %2x%3)")
                                           .arg(Kernel::MaxSide)
                                           .arg(width)
                                           .arg(height));
    if (weights.size() != size_t(width) * size_t(height))
        fail(BridgeError::Kind::Value, QStringLiteral("a %1x%2 kernel needs %3 weights (got %4)")
                                           .arg(width)
                                           .arg(height)
                                           .arg(width * height)
                                           .arg(weights.size()));
    Kernel k(width, height, std::move(weights));
    if (anchorX >= 0 || anchorY >= 0) {
        if (anchorX < 0 || anchorY < 0 || anchorX >= width || anchorY >= height)
            fail(BridgeError::Kind::Value,
                 QStringLiteral("anchor %1,%2 is outside the %3x%4 kernel").arg(anchorX).arg(anchorY).arg(width).arg(
                     height));
        k.setAnchor(anchorX, anchorY);
    }
    k.setFactor(factor);
    k.setBias(bias);
    if (!k.isFinite())
        fail(BridgeError::Kind::Value, QStringLiteral("the kernel holds a value that is not a finite number"));
    return toData(k);
}

std::string kernelText(const KernelData &kernel)
{
    return str(kernelToText(toKernel(kernel)));
}

std::optional<std::pair<std::vector<float>, std::vector<float>>> separableFactors(const KernelData &kernel)
{
    const auto factors = toKernel(kernel).separableFactors();
    if (!factors)
        return std::nullopt;
    return std::pair{factors->column, factors->row};
}

KernelData normalizedKernel(const KernelData &kernel)
{
    return toData(toKernel(kernel).normalized());
}

double kernelSum(const KernelData &kernel)
{
    return toKernel(kernel).sum();
}

// A step as a spec that also states border, alpha and linear, so it keeps them whatever
// apply() is given.
static std::string fullSpec(const FilterSettings &step)
{
    QString spec = filterSpec(step);
    spec += spec.contains(u':') ? u',' : u':';
    spec += QStringLiteral("border=%1,alpha=%2,linear=%3")
                .arg(borderModeName(step.border), alphaModeName(step.alpha),
                     step.linearLight ? QStringLiteral("true") : QStringLiteral("false"));
    return str(spec);
}

std::vector<std::string> loadRecipe(const std::string &path)
{
    const QString file = qstr(path);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        fail(BridgeError::Kind::File, QStringLiteral("%1: cannot be read (%2)").arg(file, f.errorString()));
    const Result<Recipe> parsed = recipeFromJson(f.readAll());
    if (!parsed.ok())
        fail(BridgeError::Kind::Value, QStringLiteral("%1: %2").arg(file, parsed.error()));
    std::vector<std::string> specs;
    for (const FilterSettings &step : parsed->steps)
        specs.push_back(fullSpec(step));
    return specs;
}

void saveRecipe(const std::string &path, const std::vector<std::string> &specs)
{
    Recipe recipe;
    for (const std::string &spec : specs)
        recipe.steps << parseSpec(spec);
    if (const Status saved = saveBytes(qstr(path), recipeToJson(recipe)); !saved)
        fail(BridgeError::Kind::File, saved.error());
}

std::vector<std::string> referenceExample()
{
    std::vector<std::string> specs;
    for (const FilterSettings &step : ks::referenceExample().steps)
        specs.push_back(str(filterSpec(step)));
    return specs;
}

std::string eachFileName(const std::string &stem, long long index, long long count)
{
    return str(ks::eachFileName(qstr(stem), index, count));
}

void checkSteps(const std::vector<std::string> &specs, const ApplyOptions &options)
{
    makeRecipe(specs, options);
}

std::optional<PixelsOut> apply(const PixelsIn &image, const std::vector<std::string> &specs,
                               const ApplyOptions &options, const std::atomic<bool> &cancelled,
                               double *engineSeconds)
{
    const Recipe recipe = makeRecipe(specs, options);
    const QImage source = wrap(image);
    const CancelToken token;
    // The engine reports progress after every band: the moment to pass a cancellation on.
    const Engine::Progress progress = [&](double) {
        if (cancelled.load(std::memory_order_relaxed))
            token.cancel();
    };
    if (cancelled.load())
        return std::nullopt;
    const auto start = std::chrono::steady_clock::now();
    const Result<QImage> result = engineFor(options.threads).apply(source, recipe, token, progress);
    if (engineSeconds)
        *engineSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (token.isCancelled())
        return std::nullopt;
    if (!result)
        fail(result.error().startsWith(QLatin1String("not enough memory")) ? BridgeError::Kind::Memory
                                                                            : BridgeError::Kind::Value,
             result.error());
    return unwrap(*result, false);
}

PixelsOut load(const std::string &path, const LoadOptions &options)
{
    ensureApplication();
    ks::LoadOptions load;
    load.svgScale = options.svgScale;
    load.svgWidth = options.svgWidth;
    load.svgHeight = options.svgHeight;
    if (!(options.svgScale > 0 && options.svgScale <= 1000))
        fail(BridgeError::Kind::Value,
             QStringLiteral("svg_scale must be a number from 0.001 to 1000 (got %1)").arg(options.svgScale));
    if (options.svgWidth < 0 || options.svgHeight < 0)
        fail(BridgeError::Kind::Value, QStringLiteral("svg_width and svg_height must be 0 or more pixels"));
    const Result<LoadedImage> loaded = loadImage(qstr(path), load);
    if (!loaded.ok())
        fail(BridgeError::Kind::File, loaded.error());
    return unwrap(loaded->image, true);
}

void save(const std::string &path, const PixelsIn &image, int quality)
{
    ensureApplication();
    if (quality < 0 || quality > 100)
        fail(BridgeError::Kind::Value, QStringLiteral("quality must be a whole number from 0 to 100 (got %1)")
                                           .arg(quality));
    SaveOptions options;
    options.quality = quality;
    if (const Status saved = saveImage(wrap(image, QImage::Format_RGBX64), qstr(path), options); !saved)
        fail(BridgeError::Kind::File, saved.error());
}

std::vector<std::string> writableExtensions()
{
    ensureApplication();
    std::vector<std::string> result;
    for (const QString &ext : ks::writableExtensions())
        result.push_back(str(ext));
    return result;
}

} // namespace ks::python
