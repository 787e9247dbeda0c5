"""Kernel Studio's filter engine for NumPy images.

The same engine as the ``kernel-studio`` editor and ``kernel-studio-cli``: Gaussian, box and
motion blur, sharpen, emboss, edge detection, any custom kernel, median, bilateral smoothing
and Wiener deconvolution, exact and multi-threaded, on uint8 and uint16 images (gray, RGB or
RGBA), with the same results byte for byte as the command line.

Quick start::

    import kernelstudio as ks
    image = ks.load("photo.png")                      # HxWx3 / HxWx4 uint8 or uint16, HxW gray
    blurred = ks.apply(image, "gaussian:size=5,sigma=1.5")
    sharp = ks.apply(image, ks.GaussianSharpen(5, 1.5, amount=1), border="reflect")
    ks.save("out.png", ks.apply(image, [ks.Median(5), ks.Convolution(ks.get_sharpen_3x3())]))

Filters are given as spec strings (``name:key=value,...``, as on the command line), as filter
objects (one class per filter of the core's catalogue, generated from it: ``GaussianBlur``,
``Median``, ``Deconvolution``, ...; see ``filters()``), or as a ``Recipe`` (a list of them, or
a recipe JSON file). Kernels are ``Kernel`` objects: ``kernel("gaussian:size=5,sigma=1.5")``,
``get_gaussian(5, 1.5)``, ``Kernel.from_text("3x3: 0,-1,0,-1,5,-1,0,-1,0")`` or any 2-D array.

Errors: ValueError for a bad parameter, spec, kernel or region (the command line's one-line
message), TypeError for an array of another dtype, OSError for files that cannot be read or
written, KeyboardInterrupt when Ctrl+C stops a running filter.
"""

from __future__ import annotations

import inspect as _inspect
import os as _os

import numpy as _np

from . import _core

__all__ = [
    "Kernel", "Filter", "Recipe",
    "apply", "load", "save", "kernel", "filters", "filter_class", "each_file_name", "writable_extensions",
    "get_gaussian", "get_blur_box", "get_blur_motion", "get_sharpen_3x3", "get_sharpen_5x5",
    "get_emboss_3x3", "get_emboss_5x5",
]

__version__ = "0.1.0"


# --------------------------------------------------------------------------------------------
# Kernels

class Kernel:
    """A convolution kernel: float32 weights (height x width), an anchor, a factor and a bias.

    The filter output is ``clamp(factor * sum(weight * pixel) + bias)``, bias in 8-bit units
    (x257 on 16-bit images); weight ``[j, i]`` multiplies the pixel at
    ``(x - anchor_x + i, y - anchor_y + j)`` (correlation, as OpenCV's filter2D).

    ``Kernel(weights, factor=1.0, bias=0.0, anchor=None)`` takes any 2-D array-like (sides 1 to
    1001); ``anchor=(x, y)`` defaults to the centre (floor for even sides). Kernels are values:
    ``weights`` is a read-only copy.
    """

    __slots__ = ("_weights", "_anchor", "_factor", "_bias")

    def __init__(self, weights, factor: float = 1.0, bias: float = 0.0, anchor=None):
        if isinstance(weights, Kernel):
            weights = weights.weights
        w = _np.asarray(weights, dtype=_np.float32)
        if w.ndim != 2:
            raise ValueError(f"a kernel's weights must be a 2-D array (got {w.ndim} dimensions)")
        ax, ay = (-1, -1) if anchor is None else (int(anchor[0]), int(anchor[1]))
        self._set(_core.make_kernel(w, (ax, ay), float(factor), float(bias)))

    def _set(self, data):
        weights, anchor, factor, bias = data
        weights.setflags(write=False)
        self._weights = weights
        self._anchor = tuple(anchor)
        self._factor = float(factor)
        self._bias = float(bias)

    @classmethod
    def _of(cls, data) -> "Kernel":
        k = cls.__new__(cls)
        k._set(data)
        return k

    @classmethod
    def from_text(cls, text: str, factor: float = 1.0, bias: float = 0.0) -> "Kernel":
        """A kernel from ImageMagick text: ``"3x3: 0,-1,0,-1,5,-1,0,-1,0"``, ``"3: ..."`` (square),
        ``"5x3+0+1: ..."`` (explicit anchor column+row). ValueError says what is wrong and where."""
        weights, anchor, _, _ = _core.kernel_from_text(str(text))
        return cls(weights, factor, bias, anchor)

    @property
    def weights(self) -> _np.ndarray:
        """The weights, float32, shape (height, width), read-only."""
        return self._weights

    @property
    def width(self) -> int:
        """Columns."""
        return int(self._weights.shape[1])

    @property
    def height(self) -> int:
        """Rows."""
        return int(self._weights.shape[0])

    @property
    def shape(self) -> tuple:
        """(height, width), as NumPy says it."""
        return tuple(self._weights.shape)

    @property
    def anchor(self) -> tuple:
        """(x, y): the cell over the output pixel."""
        return self._anchor

    @property
    def factor(self) -> float:
        """Multiplies the weighted sum."""
        return self._factor

    @property
    def bias(self) -> float:
        """Added after the factor, in 8-bit units."""
        return self._bias

    @property
    def sum(self) -> float:
        """Sum of the weights (factor not applied)."""
        return float(self._weights.sum(dtype=_np.float64))

    @property
    def separable(self):
        """``(column, row)`` 1-D float32 factors when the kernel has rank 1, so that
        ``numpy.outer(column, row) == weights`` (integer kernels give integer factors); else None.
        The engine runs separable kernels as two 1-D passes."""
        return _core.separable(self._weights, self._anchor, self._factor, self._bias)

    def normalized(self) -> "Kernel":
        """A copy whose weights sum to 1 with factor 1 (a zero-sum kernel is returned unchanged)."""
        return Kernel._of(_core.normalized(self._weights, self._anchor, self._factor, self._bias))

    def __str__(self) -> str:
        """The kernel as ImageMagick text (factor and bias are not part of it)."""
        return _core.kernel_text(self._weights, self._anchor, self._factor, self._bias)

    def __repr__(self) -> str:
        extra = ""
        if self._factor != 1.0:
            extra += f", factor={self._factor!r}"
        if self._bias != 0.0:
            extra += f", bias={self._bias!r}"
        return f"Kernel.from_text({str(self)!r}{extra})"

    def __eq__(self, other) -> bool:
        if not isinstance(other, Kernel):
            return NotImplemented
        return (self._anchor == other._anchor and self._factor == other._factor and self._bias == other._bias
                and _np.array_equal(self._weights, other._weights))

    def __hash__(self):
        return hash((str(self), self._factor, self._bias))

    def __array__(self, dtype=None):
        return self._weights if dtype is None else self._weights.astype(dtype)


def kernel(spec: str) -> Kernel:
    """The kernel a filter spec applies, e.g. ``kernel("gaussian:size=5,sigma=1.5")``,
    ``kernel("motion:size=9,angle=45")``, ``kernel("laplace8")``. For median, bilateral and the
    deconvolutions it is the kernel that describes them (the window, the spatial weights, the
    blur being undone). A filter object's ``.kernel`` is the same."""
    return Kernel._of(_core.kernel_from_spec(_spec_text(spec)))


def get_gaussian(size: int, sigma: float) -> Kernel:
    """Sampled Gaussian exp(-r^2 / 2 sigma^2) on an odd size x size grid, normalised to sum 1;
    size 0 = 2 * ceil(3 * sigma) + 1."""
    return kernel(f"gaussian:size={_num(size)},sigma={_num(sigma)}")


def get_blur_box(size: int) -> Kernel:
    """Every weight 1 / size^2."""
    return kernel(f"box:size={_num(size)}")


def get_blur_motion(size: int, angle: float) -> Kernel:
    """An anti-aliased line of the kernel's full extent through the centre, normalised to sum 1;
    angle in degrees from +x towards +y (clockwise on screen)."""
    return kernel(f"motion:size={_num(size)},angle={_num(angle)}")


def get_sharpen_3x3() -> Kernel:
    """[0 -1 0; -1 5 -1; 0 -1 0]."""
    return kernel("sharpen3x3")


def get_sharpen_5x5() -> Kernel:
    """Ring of -1, inner ring of 2, centre 8, factor 1/8."""
    return kernel("sharpen5x5")


def get_emboss_3x3() -> Kernel:
    """[-2 -1 0; -1 1 1; 0 1 2]."""
    return kernel("emboss3x3")


def get_emboss_5x5() -> Kernel:
    """The 3x3 emboss widened, sum 1."""
    return kernel("emboss5x5")


# --------------------------------------------------------------------------------------------
# Spec text

def _num(value) -> str:
    """A number as spec text, shortest form that reads back the same."""
    if isinstance(value, (bool, _np.bool_)):
        return "1" if value else "0"
    if isinstance(value, (int, _np.integer)):
        return str(int(value))
    v = float(value)
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def _quoted(text: str, what: str) -> str:
    if '"' in text:
        raise ValueError(f"{what} must not hold a double quote (got {text!r})")
    return f'"{text}"'


def _region_text(region) -> str:
    try:
        x, y, w, h = (int(v) for v in region)
    except (TypeError, ValueError):
        raise ValueError(f"region must be (x, y, width, height) in whole pixels (got {region!r})") from None
    return f"{x};{y};{w};{h}"


def _split_outside_quotes(text: str):
    parts, current, quoted = [], "", False
    for c in text:
        if c == '"':
            quoted = not quoted
        elif c == "," and not quoted:
            parts.append(current)
            current = ""
        else:
            current += c
    parts.append(current)
    return parts


# --------------------------------------------------------------------------------------------
# Filter objects, generated from the core's catalogue

class Filter:
    """One filter step: a filter of the core's catalogue with its parameter values and the
    options every filter takes (border, alpha, linear, region, enabled).

    A filter object's job is its spec (``str(f)`` / ``f.spec``), read and checked by the core's
    own parser when the object is made (ValueError with the command line's message if a value is
    out of range). Parameters not given keep the catalogue's defaults. The classes, one per
    filter, are generated from the core's catalogue; ``filter_class(name)`` finds one by spec
    name, ``Filter.from_spec(spec)`` makes one from a spec.
    """

    name = ""          # spec name, e.g. "gaussian"
    display_name = ""  # e.g. "Gaussian blur"
    description = ""
    kernel_role = ""   # what its kernel means: "applied", "window", "spatial-weights" or "blur-undone"
    params: tuple = ()  # the catalogue's parameter descriptions (dicts)

    _COMMON = ("border", "alpha", "linear", "region", "enabled")

    def __init__(self, *args, **kwargs):
        params = self.params
        if len(args) > len(params):
            raise TypeError(f"{type(self).__name__}() takes at most {len(params)} positional arguments "
                            f"({len(args)} given)")
        values = {}
        for p, value in zip(params, args):
            values[p["key"]] = value
        by_name = {p["key"].replace("-", "_"): p["key"] for p in params}
        common = {}
        for name, value in kwargs.items():
            key = by_name.get(name, name if name in by_name.values() else None)
            if key is not None:
                if key in values:
                    raise TypeError(f"{type(self).__name__}() got multiple values for argument '{name}'")
                values[key] = value
            elif name in self._COMMON:
                common[name] = value
            else:
                known = ", ".join(list(by_name) + list(self._COMMON))
                raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument '{name}' "
                                f"(its arguments: {known})")
        self._values = {k: v for k, v in values.items() if v is not None}
        self._common = {k: v for k, v in common.items() if v is not None}
        self._spec = self._build_spec()
        _core.normalize_spec(self._spec)  # the core's parser checks every value

    def _build_spec(self) -> str:
        parts = []
        values = dict(self._values)
        kinds = {p["key"]: p["type"] for p in self.params}
        # A Kernel brings its factor and bias where the filter takes them and they were not given.
        for key, value in list(values.items()):
            if kinds[key] == "kernel" and isinstance(value, Kernel):
                for extra in ("factor", "bias"):
                    if extra in kinds and extra not in values and getattr(value, extra) != (extra == "factor"):
                        values[extra] = getattr(value, extra)
        # Kernel keys first, so factor and bias are not reset by them.
        ordered = sorted(values, key=lambda k: kinds[k] != "kernel")
        for key in ordered:
            value = values[key]
            kind = kinds[key]
            if kind == "kernel":
                if isinstance(value, str):
                    text = value
                else:
                    text = str(value if isinstance(value, Kernel) else Kernel(value))
                parts.append(f"{key}={_quoted(text, key)}")
            elif kind == "bool":
                parts.append(f"{key}={'true' if value else 'false'}")
            else:
                if isinstance(value, str):
                    raise TypeError(f"{self.name}: {key} must be a number (got {value!r})")
                parts.append(f"{key}={_num(value)}")
        for key, value in self._common.items():
            if key in ("border", "alpha"):
                parts.append(f"{key}={_quoted(str(value), key)}")
            elif key == "region":
                parts.append(f"region={_region_text(value)}")
            else:
                parts.append(f"{key}={'true' if value else 'false'}")
        return self.name + (":" + ",".join(parts) if parts else "")

    @classmethod
    def from_spec(cls, spec: str) -> "Filter":
        """The filter object of a spec string (``"median:size=7"`` -> ``Median(size=7)``)."""
        spec = str(spec)
        name = spec.split(":", 1)[0].strip().lower()
        target = _BY_NAME.get(name)
        if target is None:
            _core.normalize_spec(spec)  # raises the core's "unknown filter" message
            raise ValueError(f"unknown filter '{name}'")
        f = target.__new__(target)
        f._values, f._common = {}, {}
        rest = spec.split(":", 1)[1] if ":" in spec else ""
        kinds = {p["key"]: p["type"] for p in target.params}
        if rest.strip():
            for part in _split_outside_quotes(rest):
                key, _, value = part.partition("=")
                key, value = key.strip().lower(), value.strip()
                if key in kinds:
                    if kinds[key] == "kernel":
                        f._values[key] = None if value.lower() in ("", "none") else value
                    elif kinds[key] == "bool":
                        f._values[key] = value.lower() in ("1", "true", "yes", "on")
                    else:
                        try:
                            number = float(value)
                        except ValueError:
                            number = value
                        f._values[key] = int(number) if kinds[key] == "int" and isinstance(number, float) \
                            and number.is_integer() else number
                elif key in ("border", "alpha"):
                    f._common[key] = value
                elif key in ("linear", "enabled"):
                    f._common[key] = value.lower() in ("1", "true", "yes", "on")
                elif key == "region":
                    f._common[key] = tuple(int(v) for v in value.replace(",", ";").split(";") if v.strip())
        _core.normalize_spec(spec)
        f._values = {k: v for k, v in f._values.items() if v is not None}
        f._spec = spec
        return f

    @property
    def spec(self) -> str:
        """The step as a spec string, e.g. ``"gaussian:size=5,sigma=1.5"``."""
        return self._spec

    @property
    def kernel(self) -> Kernel:
        """The kernel this step applies (for median, bilateral and the deconvolutions, the kernel
        that describes them)."""
        return kernel(self._spec)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        for p in type(self).params:
            if p["key"].replace("-", "_") == name:
                return self._values.get(p["key"], _default_value(p))
        if name in Filter._COMMON:
            return self._common.get(name)
        raise AttributeError(f"{type(self).__name__!r} has no attribute {name!r}")

    def __str__(self) -> str:
        return self._spec

    def __repr__(self) -> str:
        args = [f"{k.replace('-', '_')}={v!r}" for k, v in self._values.items()]
        args += [f"{k}={v!r}" for k, v in self._common.items()]
        return f"{type(self).__name__}({', '.join(args)})"

    def __eq__(self, other) -> bool:
        if not isinstance(other, Filter):
            return NotImplemented
        return _core.normalize_spec(self._spec) == _core.normalize_spec(other._spec)

    def __hash__(self):
        return hash(_core.normalize_spec(self._spec))


def _default_value(p):
    if p["type"] == "kernel":
        return None if p["default_text"] is None else Kernel.from_text(p["default_text"])
    if p["type"] == "bool":
        return bool(p["default"])
    if p["type"] == "int":
        return int(p["default"])
    return float(p["default"])


def _class_name(spec_name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in spec_name.replace("_", "-").split("-") if part)


# Friendlier names for some classes (the generated name stays too).
_ALIASES = {"gaussian": "GaussianBlur", "box": "BoxBlur", "motion": "MotionBlur", "custom": "Convolution"}


def _filter_doc(f: dict, class_name: str) -> str:
    lines = [f"{f['display_name']}: {f['description']}.", "",
             f"Spec name ``{f['name']}`` (``kernelstudio.apply(image, {class_name}(...))`` or "
             f"``kernelstudio.apply(image, \"{f['name']}:...\")``).", ""]
    if f["params"]:
        lines.append("Parameters (positional in this order, or by keyword; '-' in a key is '_'):")
        for p in f["params"]:
            default = p["default_text"] if p["default_text"] is not None else "none"
            kind = "a Kernel, a 2-D array or ImageMagick text" if p["type"] == "kernel" else p["allowed"]
            lines.append(f"    {p['key'].replace('-', '_')}: {p['label']}; {kind} (default {default})")
    else:
        lines.append("No parameters of its own.")
    lines += ["", "Every filter also takes, by keyword: border, alpha, linear, region=(x, y, w, h), enabled",
              f"({_core.common_options()}).",
              "Values are checked by the core's spec parser when the object is made (ValueError)."]
    return "\n".join(lines)


def _make_filter_class(f: dict):
    class_name = _class_name(f["name"])
    params = tuple(f["params"])

    def __init__(self, *args, **kwargs):
        Filter.__init__(self, *args, **kwargs)

    sig_params = [_inspect.Parameter("self", _inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for p in params:
        default = None if p["type"] == "kernel" else _default_value(p)
        sig_params.append(_inspect.Parameter(p["key"].replace("-", "_"),
                                             _inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default))
    for key in Filter._COMMON:
        sig_params.append(_inspect.Parameter(key, _inspect.Parameter.KEYWORD_ONLY, default=None))
    __init__.__signature__ = _inspect.Signature(sig_params)
    doc = _filter_doc(f, class_name)
    __init__.__doc__ = doc
    __init__.__qualname__ = f"{class_name}.__init__"
    cls = type(class_name, (Filter,), {
        "__init__": __init__, "__doc__": doc, "__module__": __name__, "__slots__": ("_values", "_common", "_spec"),
        "name": f["name"], "display_name": f["display_name"], "description": f["description"],
        "kernel_role": f["kernel_role"], "params": params,
    })
    return cls


_CATALOGUE = _core.filters()
_BY_NAME = {}
for _f in _CATALOGUE:
    _cls = _make_filter_class(_f)
    _BY_NAME[_f["name"]] = _cls
    globals()[_cls.__name__] = _cls
    __all__.append(_cls.__name__)
    if _f["name"] in _ALIASES:
        globals()[_ALIASES[_f["name"]]] = _cls
        __all__.append(_ALIASES[_f["name"]])
del _f, _cls


def filters() -> list:
    """The core's filter catalogue, as ``kernel-studio-cli list`` shows it: a list of dicts with
    name, display_name, description, kernel_role, the filter ``class`` and params (key, label, type
    int/float/bool/kernel, minimum, maximum, default, default_text, optional, allowed)."""
    return [dict(f, params=[dict(p) for p in f["params"]], **{"class": _BY_NAME[f["name"]]}) for f in _CATALOGUE]


def filter_class(name: str) -> type:
    """The filter class of a spec name, e.g. ``filter_class("gauss-wiener") is GaussWiener``."""
    try:
        return _BY_NAME[name.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown filter '{name}' (known: {', '.join(_BY_NAME)})") from None


# --------------------------------------------------------------------------------------------
# Recipes

def _spec_text(step) -> str:
    if isinstance(step, Filter):
        return step.spec
    if isinstance(step, str):
        return step
    raise TypeError(f"a filter step must be a spec string or a filter object (got {type(step).__name__})")


def _specs(filter) -> list:
    if isinstance(filter, Recipe):
        return list(filter.specs)
    if isinstance(filter, (str, Filter)):
        return [_spec_text(filter)]
    if isinstance(filter, (list, tuple)):
        specs = []
        for step in filter:
            specs.extend(_specs(step))
        return specs
    raise TypeError("filter must be a spec string, a filter object, a Recipe or a list of them "
                    f"(got {type(filter).__name__})")


class Recipe:
    """An ordered list of filter steps, applied one after the other.

    ``Recipe([GaussianBlur(5, 1.5), "median:size=3"])``; ``Recipe.load(path)`` reads the recipe
    JSON of ``kernel-studio-cli --recipe`` and the editor's Save Recipe, ``save(path)`` writes it.
    Steps read from a file keep their own border, alpha and linear settings whatever apply() is
    given (as on the command line); a region given to apply() limits steps that have none.
    """

    __slots__ = ("_specs",)

    def __init__(self, steps=()):
        self._specs = _specs(list(steps))
        if self._specs:
            _core.check_steps(self._specs)

    @classmethod
    def load(cls, path) -> "Recipe":
        """Reads a recipe JSON file (OSError if it cannot be read, ValueError if it is not a recipe)."""
        r = cls.__new__(cls)
        r._specs = list(_core.load_recipe(_os.fspath(path)))
        return r

    @classmethod
    def reference_example(cls) -> "Recipe":
        """The sixteen filters of the reference example (as ``kernel-studio-cli each --example``)."""
        r = cls.__new__(cls)
        r._specs = list(_core.reference_example())
        return r

    def save(self, path) -> None:
        """Writes the recipe JSON file atomically (OSError if it cannot be written)."""
        _core.save_recipe(_os.fspath(path), self._specs)

    @property
    def specs(self) -> list:
        """The steps as spec strings."""
        return list(self._specs)

    @property
    def steps(self) -> list:
        """The steps as filter objects."""
        return [Filter.from_spec(s) for s in self._specs]

    def append(self, step) -> None:
        """Adds a step (spec, filter object or recipe) at the end."""
        specs = _specs(step)
        _core.check_steps(specs)
        self._specs.extend(specs)

    def __len__(self):
        return len(self._specs)

    def __iter__(self):
        return iter(self.steps)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Recipe(self._specs[index])
        return Filter.from_spec(self._specs[index])

    def __add__(self, other):
        return Recipe(self._specs + _specs(other))

    def __eq__(self, other):
        if not isinstance(other, Recipe):
            return NotImplemented
        return [_core.normalize_spec(s) for s in self._specs] == [_core.normalize_spec(s) for s in other._specs]

    def __repr__(self):
        return f"Recipe({self._specs!r})"


# --------------------------------------------------------------------------------------------
# Images

def apply(image, filter, *, border: str | None = None, alpha: str | None = None, linear: bool | None = None,
          region=None, threads: int = 0, out=None):
    """Applies a filter, or several in order, to an image and returns the result.

    image
        A NumPy array HxW (gray), HxWx3 (RGB) or HxWx4 (RGBA, straight alpha) of uint8 or
        uint16, C-contiguous or not. It is read in place (no copy) where its rows allow it and is
        never changed.
    filter
        A spec string (``"gaussian:size=5,sigma=1.5"``), a filter object (``GaussianBlur(5, 1.5)``),
        a Recipe, or a list of those, applied in order.
    border
        How pixels outside the image are read: ``"clamp"`` (default), ``"reflect"``, ``"wrap"``,
        ``"transparent"``, ``"unfiltered"`` (pixels the kernel does not fully cover keep their value).
    alpha
        ``"premultiplied"`` (default), ``"straight"`` or ``"ignore"`` (alpha copied).
    linear
        Filter in linear light (default False).
    region
        ``(x, y, width, height)``: only pixels inside change; they still read their true neighbours.
    threads
        Worker threads, 0 = one per core. The result is the same for every count.
    out
        An array of the image's shape and dtype to write the result into (it may be the image
        itself); it is then returned.

    border, alpha, linear and region are the defaults of steps that do not set their own (a key
    in a spec or a filter object's keyword wins). Returns a new array of the image's dtype and
    channels (a gray image that a transparent border gave alpha comes back gray, alpha dropped).
    The GIL is released while the engine runs; Ctrl+C stops it and raises KeyboardInterrupt.
    Raises ValueError for a bad filter, option or region (the command line's message), TypeError
    for another dtype.
    """
    specs = _specs(filter)
    if not specs:
        raise ValueError("no filter given")
    if region is not None:
        try:
            region = tuple(int(v) for v in region)
        except (TypeError, ValueError):
            raise ValueError(f"region must be (x, y, width, height) in whole pixels (got {region!r})") from None
        if len(region) != 4:
            raise ValueError(f"region must be (x, y, width, height) in whole pixels (got {region!r})")
    return _core.apply(image, specs, border, alpha, None if linear is None else bool(linear), region,
                       int(threads), out)


def load(path, *, svg_scale: float = 1.0, svg_width: int = 0, svg_height: int = 0):
    """Reads an image file into a NumPy array.

    PNG (all variants), JPEG, WebP, TIFF, BMP, GIF and SVG/SVGZ (rasterised on a transparent
    background at ``svg_scale`` times its own size, or ``svg_width`` / ``svg_height`` pixels, a
    missing one following the aspect ratio). Gray images come as HxW, opaque colour as HxWx3,
    images with alpha as HxWx4 (straight alpha); 16-bit files stay uint16, the others uint8.
    OSError with a one-line reason for a missing, unreadable or corrupt file.
    """
    return _core.load(_os.fspath(path), float(svg_scale), int(svg_width), int(svg_height))


def save(path, image, *, quality: int = 90) -> None:
    """Writes an image array (as ``apply`` takes) to a file, atomically (never half-written).

    The extension picks the format: png, jpg/jpeg, webp, tif/tiff, bmp. PNG and TIFF keep
    16-bit; JPEG and BMP are 8-bit without alpha; ``quality`` 0-100 for JPEG and WebP (100 =
    lossless WebP). OSError with a one-line reason when the file cannot be written.
    """
    _core.save(_os.fspath(path), image, int(quality))


def each_file_name(stem: str, index: int, count: int) -> str:
    """The name ``kernel-studio-cli each`` gives step ``index`` (1-based) of ``count``:
    ``"<stem>-<index>.png"``, the index zero-padded to the digits of count."""
    return _core.each_file_name(stem, int(index), int(count))


def writable_extensions() -> list:
    """The file extensions save() can write on this machine."""
    return list(_core.writable_extensions())
