// kernelstudio._core: the NumPy side of the module. Every call into the core goes through
// corebridge.h; this file turns arrays into pixel views and back, maps the bridge's errors to
// Python exceptions, and runs the engine with the GIL released and Ctrl+C watched.
#include "corebridge.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <climits>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>

namespace py = pybind11;
namespace bridge = ks::python;

namespace {

bool isNativeUnsigned(const py::dtype &dtype, int &depth)
{
    if (dtype.kind() != 'u' || (dtype.itemsize() != 1 && dtype.itemsize() != 2))
        return false;
    const char order = dtype.attr("byteorder").cast<std::string>().at(0);
    depth = int(dtype.itemsize());
    return order == '=' || order == '|' || (order == '<' && py::module_::import("sys").attr("byteorder").cast<std::string>() == "little");
}

// Checks an image array and describes it as pixels the bridge reads. `keep` receives the array
// actually described: the given one when its rows can be read as they are, else a C-contiguous copy.
bridge::PixelsIn describe(const py::handle &object, const char *what, py::array &keep)
{
    py::array array = py::array::ensure(object);
    if (!array)
        throw py::type_error(std::string(what) + " must be a NumPy array of uint8 or uint16");
    int depth = 1;
    if (!isNativeUnsigned(array.dtype(), depth))
        throw py::type_error(std::string(what) + " must be a NumPy array of uint8 or uint16 (got " +
                             py::str(array.dtype()).cast<std::string>() + ")");
    const py::ssize_t ndim = array.ndim();
    const int channels = ndim == 2 ? 1 : ndim == 3 ? int(array.shape(2)) : 0;
    if (channels != 1 && channels != 3 && channels != 4)
        throw py::value_error(std::string(what) + " must have the shape HxW, HxWx3 or HxWx4 (got " +
                              py::str(array.attr("shape")).cast<std::string>() + ")");
    if (array.shape(0) <= 0 || array.shape(1) <= 0)
        throw py::value_error(std::string(what) + " is empty");
    if (array.shape(0) > INT_MAX / 8 || array.shape(1) > INT_MAX / 8)
        throw py::value_error(std::string(what) + " is too large");
    const py::ssize_t pixel = py::ssize_t(channels) * depth;
    const auto address = reinterpret_cast<std::uintptr_t>(array.data());
    const bool readable = (channels == 1 || array.strides(2) == depth) && array.strides(1) == pixel &&
                          array.strides(0) >= pixel * array.shape(1) && array.strides(0) % depth == 0 &&
                          address % std::uintptr_t(depth) == 0;
    keep = readable ? array : py::array(py::module_::import("numpy").attr("ascontiguousarray")(array));
    return {keep.data(), int(keep.shape(1)), int(keep.shape(0)), channels, depth, keep.strides(0)};
}

std::vector<py::ssize_t> shapeOf(int height, int width, int channels)
{
    if (channels == 1)
        return {height, width};
    return {height, width, channels};
}

py::dtype dtypeOf(int depth)
{
    return depth == 1 ? py::dtype::of<std::uint8_t>() : py::dtype::of<std::uint16_t>();
}

// Pixels from the bridge as an array of `channels` (1, 3 or 4): the bridge's own memory when
// it has that layout already and is not `avoid` (the caller's input), else one copy.
py::array toArray(const bridge::PixelsOut &pixels, int channels, const void *avoidBegin = nullptr,
                  const void *avoidEnd = nullptr)
{
    const py::ssize_t rowBytes = py::ssize_t(pixels.width) * channels * pixels.depth;
    const auto *begin = static_cast<const std::uint8_t *>(avoidBegin);
    const auto *end = static_cast<const std::uint8_t *>(avoidEnd);
    const bool aliases = begin && pixels.data < end && pixels.data + pixels.rowStride * pixels.height > begin;
    if (channels == pixels.channels && pixels.rowStride == rowBytes && !aliases) {
        auto *owner = new std::shared_ptr<const void>(pixels.owner);
        py::capsule base(owner, [](void *p) { delete static_cast<std::shared_ptr<const void> *>(p); });
        py::array view(dtypeOf(pixels.depth), shapeOf(pixels.height, pixels.width, channels), {},
                       pixels.data, base);
        // The engine's buffer is the caller's to change; the view says so.
        return view;
    }
    py::array result(dtypeOf(pixels.depth), shapeOf(pixels.height, pixels.width, channels));
    auto *target = static_cast<std::uint8_t *>(result.mutable_data());
    {
        py::gil_scoped_release release;
        const int depth = pixels.depth;
        for (int y = 0; y < pixels.height; ++y) {
            const std::uint8_t *src = pixels.data + y * pixels.rowStride;
            std::uint8_t *dst = target + y * rowBytes;
            if (channels == pixels.channels) {
                std::memcpy(dst, src, size_t(rowBytes));
                continue;
            }
            // 4 -> 3 drops alpha; 4 -> 1 keeps the gray value (a gray image the engine gave alpha
            // through a transparent border).
            const int step = pixels.channels * depth, keep = channels * depth;
            for (int x = 0; x < pixels.width; ++x, src += step, dst += keep)
                std::memcpy(dst, src, size_t(keep));
        }
    }
    return result;
}

bridge::ApplyOptions applyOptions(std::optional<std::string> border, std::optional<std::string> alpha,
                                  std::optional<bool> linear, std::optional<std::array<int, 4>> region, int threads)
{
    if (threads < 0 || threads > 1024)
        throw py::value_error("threads must be a whole number from 0 to 1024 (got " + std::to_string(threads) + ")");
    return {std::move(border), std::move(alpha), linear, region, threads};
}

// Runs the engine on a thread of its own while this one, without the GIL, waits and looks for
// Ctrl+C (signals are handled on Python's main thread only). An interrupt cancels the engine
// and is raised here once the engine has stopped.
std::optional<bridge::PixelsOut> runEngine(const bridge::PixelsIn &in, const std::vector<std::string> &specs,
                                           const bridge::ApplyOptions &options, double *engineSeconds)
{
    std::atomic<bool> cancelled{false};
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    std::optional<bridge::PixelsOut> result;
    std::exception_ptr error;
    bool interrupted = false;
    {
        py::gil_scoped_release release;
        std::thread worker([&] {
            try {
                result = bridge::apply(in, specs, options, cancelled, engineSeconds);
            } catch (...) {
                error = std::current_exception();
            }
            const std::lock_guard lock(mutex);
            done = true;
            finished.notify_one();
        });
        std::unique_lock lock(mutex);
        while (!finished.wait_for(lock, std::chrono::milliseconds(50), [&] { return done; })) {
            if (interrupted)
                continue;
            lock.unlock();
            {
                py::gil_scoped_acquire acquire;
                interrupted = PyErr_CheckSignals() != 0; // the exception stays set on this thread
            }
            if (interrupted)
                cancelled = true;
            lock.lock();
        }
        lock.unlock();
        worker.join();
    }
    if (interrupted)
        throw py::error_already_set();
    if (error)
        std::rethrow_exception(error);
    if (!result)
        throw std::runtime_error("the filter was cancelled");
    return result;
}

py::array applyArray(const py::handle &image, const std::vector<std::string> &specs,
                     const bridge::ApplyOptions &options, const py::object &out, double *engineSeconds)
{
    py::array keep;
    const bridge::PixelsIn in = describe(image, "image", keep);
    py::array target;
    const bool intoOut = !out.is_none();
    if (intoOut) {
        target = py::array::ensure(out);
        if (!target || !target.dtype().equal(keep.dtype()) ||
            !target.attr("shape").equal(keep.attr("shape")))
            throw py::value_error("out must be an array of the image's shape and dtype (" +
                                  py::str(keep.attr("shape")).cast<std::string>() + ", " +
                                  py::str(keep.dtype()).cast<std::string>() + ")");
        if (!target.writeable())
            throw py::value_error("out must be writeable");
    }
    bridge::checkSteps(specs, options); // bad specs are reported before any work
    const std::optional<bridge::PixelsOut> pixels = runEngine(in, specs, options, engineSeconds);
    const auto *begin = static_cast<const std::uint8_t *>(in.data);
    py::array result = toArray(*pixels, in.channels, begin, begin + in.rowStride * in.height);
    if (intoOut) {
        py::module_::import("numpy").attr("copyto")(target, result);
        return target;
    }
    return result;
}

} // namespace

PYBIND11_MODULE(_core, m)
{
    m.doc() = "kernelstudio's native part: the Kernel Studio engine (ks_core) through one bridge. "
              "Use the kernelstudio package, not this module.";

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p)
                std::rethrow_exception(p);
        } catch (const bridge::BridgeError &e) {
            switch (e.kind) {
            case bridge::BridgeError::Kind::Value:
                PyErr_SetString(PyExc_ValueError, e.what());
                break;
            case bridge::BridgeError::Kind::File:
                PyErr_SetString(PyExc_OSError, e.what());
                break;
            case bridge::BridgeError::Kind::Memory:
                PyErr_SetString(PyExc_MemoryError, e.what());
                break;
            }
        }
    });

    m.def(
        "filters",
        [] {
            py::list result;
            for (const bridge::FilterDesc &f : bridge::filters()) {
                py::list params;
                for (const bridge::ParamDesc &p : f.params) {
                    py::dict param;
                    param["key"] = p.key;
                    param["label"] = p.label;
                    param["type"] = p.type;
                    param["minimum"] = p.minimum;
                    param["maximum"] = p.maximum;
                    param["default"] = p.defaultValue;
                    param["default_text"] = p.defaultText ? py::object(py::str(*p.defaultText)) : py::none();
                    param["optional"] = p.optional;
                    param["allowed"] = p.allowed;
                    params.append(param);
                }
                py::dict filter;
                filter["name"] = f.name;
                filter["display_name"] = f.displayName;
                filter["description"] = f.description;
                filter["kernel_role"] = f.kernelRole;
                filter["params"] = params;
                result.append(filter);
            }
            return result;
        },
        "The core's filter catalogue: a list of dicts (name, display_name, description, kernel_role, params).");
    m.def("common_options", &bridge::commonOptionsText, "The options every filter spec takes, in words.");
    m.def("normalize_spec", &bridge::normalizeSpec, py::arg("spec"),
          "Parses a filter spec with the core's parser and returns it as the core writes it; ValueError if bad.");

    using KernelTuple = std::tuple<py::array_t<float>, std::pair<int, int>, double, double>;
    const auto toTuple = [](const bridge::KernelData &k) {
        py::array_t<float> weights({k.height, k.width});
        std::memcpy(weights.mutable_data(), k.weights.data(), k.weights.size() * sizeof(float));
        return KernelTuple{weights, {k.anchorX, k.anchorY}, k.factor, k.bias};
    };
    const auto fromArgs = [](const py::array_t<float, py::array::c_style | py::array::forcecast> &weights,
                             std::pair<int, int> anchor, double factor, double bias) {
        if (weights.ndim() != 2)
            throw py::value_error("a kernel's weights must be a 2-D array (got " + std::to_string(weights.ndim()) +
                                  " dimensions)");
        std::vector<float> values(weights.data(), weights.data() + weights.size());
        return bridge::makeKernel(int(weights.shape(1)), int(weights.shape(0)), std::move(values), anchor.first,
                                  anchor.second, factor, bias);
    };
    m.def("kernel_from_spec", [=](const std::string &spec) { return toTuple(bridge::kernelFromSpec(spec)); },
          py::arg("spec"), "The kernel of a filter spec as (weights, (anchor_x, anchor_y), factor, bias).");
    m.def("kernel_from_text", [=](const std::string &text) { return toTuple(bridge::kernelFromText(text)); },
          py::arg("text"), "ImageMagick kernel text to (weights, anchor, factor, bias).");
    m.def(
        "make_kernel",
        [=](const py::array_t<float, py::array::c_style | py::array::forcecast> &w, std::pair<int, int> anchor,
            double factor, double bias) { return toTuple(fromArgs(w, anchor, factor, bias)); },
        py::arg("weights"), py::arg("anchor"), py::arg("factor"), py::arg("bias"),
        "Checks a kernel (anchor (-1, -1) = centre) and returns it as (weights, anchor, factor, bias).");
    m.def(
        "kernel_text",
        [=](const py::array_t<float, py::array::c_style | py::array::forcecast> &w, std::pair<int, int> anchor,
            double factor, double bias) { return bridge::kernelText(fromArgs(w, anchor, factor, bias)); },
        "A kernel as ImageMagick text.");
    m.def(
        "separable",
        [=](const py::array_t<float, py::array::c_style | py::array::forcecast> &w, std::pair<int, int> anchor,
            double factor, double bias) -> py::object {
            const auto factors = bridge::separableFactors(fromArgs(w, anchor, factor, bias));
            if (!factors)
                return py::none();
            return py::make_tuple(py::array_t<float>(py::ssize_t(factors->first.size()), factors->first.data()),
                                  py::array_t<float>(py::ssize_t(factors->second.size()), factors->second.data()));
        },
        "(column, row) factors of a rank-1 kernel, or None.");
    m.def(
        "normalized",
        [=](const py::array_t<float, py::array::c_style | py::array::forcecast> &w, std::pair<int, int> anchor,
            double factor, double bias) { return toTuple(bridge::normalizedKernel(fromArgs(w, anchor, factor, bias))); },
        "The kernel scaled to sum 1 with factor 1 (a zero-sum kernel unchanged).");

    m.def("load_recipe", &bridge::loadRecipe, py::arg("path"), "A recipe JSON file's steps as specs.");
    m.def("save_recipe", &bridge::saveRecipe, py::arg("path"), py::arg("specs"), "Writes specs as a recipe JSON file.");
    m.def("reference_example", &bridge::referenceExample, "The sixteen steps of the reference example, as specs.");
    m.def("each_file_name", &bridge::eachFileName, py::arg("stem"), py::arg("index"), py::arg("count"),
          "The file name the CLI's `each` writes for step index (1-based) of count.");
    m.def("writable_extensions", &bridge::writableExtensions, "File extensions save() can write.");

    m.def(
        "check_steps",
        [](const std::vector<std::string> &specs, std::optional<std::string> border, std::optional<std::string> alpha,
           std::optional<bool> linear, std::optional<std::array<int, 4>> region) {
            bridge::checkSteps(specs, applyOptions(std::move(border), std::move(alpha), linear, region, 0));
        },
        py::arg("specs"), py::arg("border") = py::none(), py::arg("alpha") = py::none(),
        py::arg("linear") = py::none(), py::arg("region") = py::none(), "Checks steps and options; ValueError if bad.");
    m.def(
        "apply",
        [](const py::handle &image, const std::vector<std::string> &specs, std::optional<std::string> border,
           std::optional<std::string> alpha, std::optional<bool> linear, std::optional<std::array<int, 4>> region,
           int threads, const py::object &out) {
            return applyArray(image, specs, applyOptions(std::move(border), std::move(alpha), linear, region, threads),
                              out, nullptr);
        },
        py::arg("image"), py::arg("specs"), py::arg("border") = py::none(), py::arg("alpha") = py::none(),
        py::arg("linear") = py::none(), py::arg("region") = py::none(), py::arg("threads") = 0,
        py::arg("out") = py::none(), "Runs the steps on the image; see kernelstudio.apply.");
    m.def(
        "apply_timed",
        [](const py::handle &image, const std::vector<std::string> &specs, int threads) {
            double seconds = 0;
            py::array result = applyArray(image, specs, applyOptions({}, {}, {}, {}, threads), py::none(), &seconds);
            return py::make_tuple(result, seconds);
        },
        py::arg("image"), py::arg("specs"), py::arg("threads") = 0,
        "apply() returning (result, seconds spent in the engine's own apply call): for benchmarks.");
    m.def(
        "load",
        [](const std::string &path, double svgScale, int svgWidth, int svgHeight) {
            bridge::PixelsOut pixels;
            {
                py::gil_scoped_release release;
                pixels = bridge::load(path, {svgScale, svgWidth, svgHeight});
            }
            return toArray(pixels, pixels.channels);
        },
        py::arg("path"), py::arg("svg_scale") = 1.0, py::arg("svg_width") = 0, py::arg("svg_height") = 0,
        "Reads an image file; see kernelstudio.load.");
    m.def(
        "save",
        [](const std::string &path, const py::handle &image, int quality) {
            py::array keep;
            const bridge::PixelsIn in = describe(image, "image", keep);
            py::gil_scoped_release release;
            bridge::save(path, in, quality);
        },
        py::arg("path"), py::arg("image"), py::arg("quality") = 90, "Writes an image file; see kernelstudio.save.");
}
