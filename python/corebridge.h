#pragma once

// The Python module's only contact with ks_core. Everything the bindings need from the core
// goes through these functions, in plain standard C++ types (no Qt, no core headers), so a
// change of the core's model (settings, catalogue, result types, file layout) is adapted here
// and nowhere else. Filters travel as spec strings ("gaussian:size=5,sigma=1.5"), read and
// checked by the core's own parser.
//
// Failures are thrown as BridgeError with the core's one-line reason and a category that
// the bindings map to Python exception types.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ks::python {

struct BridgeError : std::runtime_error
{
    enum class Kind
    {
        Value,  // a bad parameter, spec, kernel or region
        File,   // a file that cannot be read or written
        Memory, // not enough memory
    };
    BridgeError(Kind kind, const std::string &message) : std::runtime_error(message), kind(kind) {}
    Kind kind;
};

// One parameter of a filter, as the core's catalogue declares it.
struct ParamDesc
{
    std::string key;   // as in specs: "size", "spatial-factor"
    std::string label; // as shown to people
    std::string type;  // "int", "float", "bool" or "kernel"
    double minimum = 0;
    double maximum = 0;
    double defaultValue = 0;
    std::optional<std::string> defaultText; // the default as spec text (kernels: ImageMagick text); none if absent
    bool optional = false;                  // may be left out (an imaginary part)
    std::string allowed;                    // "an odd whole number from 1 to 1001"
};

struct FilterDesc
{
    std::string name;        // spec name, e.g. "gaussian"
    std::string displayName; // "Gaussian blur"
    std::string description;
    std::string kernelRole; // what the kernel means: "applied", "window", "spatial-weights", "blur-undone"
    std::vector<ParamDesc> params;
};

// Every filter of the core's catalogue, in its order (the CLI's `list`).
std::vector<FilterDesc> filters();
// The options every spec takes besides a filter's own parameters, in words (for docs).
std::string commonOptionsText();

// The spec as the core writes it back after parsing (defaults left out); throws Value.
std::string normalizeSpec(const std::string &spec);

struct KernelData
{
    int width = 1;
    int height = 1;
    std::vector<float> weights{1.0f}; // row-major, width * height
    int anchorX = 0;
    int anchorY = 0;
    double factor = 1.0;
    double bias = 0.0;
};

// The kernel a filter spec applies (for median, bilateral and the deconvolutions, the kernel
// that describes them); throws Value.
KernelData kernelFromSpec(const std::string &spec);
// ImageMagick text "WxH[+ax+ay]: v,v,..." to kernel (factor 1, bias 0); throws Value.
KernelData kernelFromText(const std::string &text);
// Checks sides (1..1001) and finiteness, places the anchor (-1 = centre); throws Value.
KernelData makeKernel(int width, int height, std::vector<float> weights, int anchorX, int anchorY, double factor,
                      double bias);
std::string kernelText(const KernelData &kernel);
// The (column, row) factors when the kernel has rank 1, as the engine sees it.
std::optional<std::pair<std::vector<float>, std::vector<float>>> separableFactors(const KernelData &kernel);
KernelData normalizedKernel(const KernelData &kernel);
double kernelSum(const KernelData &kernel);

// Recipes: lists of specs. Steps read from a file carry border, alpha and linear explicitly,
// so options given to apply() do not change them (as on the command line).
std::vector<std::string> loadRecipe(const std::string &path); // throws File or Value
void saveRecipe(const std::string &path, const std::vector<std::string> &specs);
std::vector<std::string> referenceExample(); // the sixteen steps of the reference example
std::string eachFileName(const std::string &stem, long long index, long long count);

// Pixels handed in: rows of `width` pixels of `channels` (1, 3 or 4) samples of `depth` bytes
// (1 or 2), `rowStride` bytes apart; samples of a pixel adjacent. Not copied where the core
// can read them as they are; never written.
struct PixelsIn
{
    const void *data = nullptr;
    int width = 0;
    int height = 0;
    int channels = 0;
    int depth = 1;
    std::ptrdiff_t rowStride = 0;
};

// Pixels handed out: 1 (gray) or 4 (RGBA, straight alpha) or, from load(), 3 channels.
// `owner` keeps the memory alive.
struct PixelsOut
{
    std::shared_ptr<const void> owner;
    const std::uint8_t *data = nullptr;
    int width = 0;
    int height = 0;
    int channels = 0;
    int depth = 1;
    std::ptrdiff_t rowStride = 0;
};

struct ApplyOptions
{
    std::optional<std::string> border; // the defaults of steps that do not set their own
    std::optional<std::string> alpha;
    std::optional<bool> linear;
    std::optional<std::array<int, 4>> region; // x, y, width, height
    int threads = 0;                          // 0 = one per core
};

// Checks the specs and options before any pixel is touched; throws Value.
void checkSteps(const std::vector<std::string> &specs, const ApplyOptions &options);

// Runs the steps in order. Blocks; safe to call from any thread without the Python GIL.
// `cancelled` is polled by the engine between bands; returns nullopt when it was set.
std::optional<PixelsOut> apply(const PixelsIn &image, const std::vector<std::string> &specs,
                               const ApplyOptions &options, const std::atomic<bool> &cancelled,
                               double *engineSeconds = nullptr);

struct LoadOptions
{
    double svgScale = 1.0;
    int svgWidth = 0;
    int svgHeight = 0;
};
PixelsOut load(const std::string &path, const LoadOptions &options); // throws File
void save(const std::string &path, const PixelsIn &image, int quality); // throws File or Value
std::vector<std::string> writableExtensions();

} // namespace ks::python
