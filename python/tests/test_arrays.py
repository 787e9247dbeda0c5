"""Arrays in and out: dtypes, channels, strides, out=, threads, the GIL and Ctrl+C."""

import os
import signal
import threading
import time

import numpy as np
import pytest

import kernelstudio as ks

SPECS = ["gaussian:size=7,sigma=2", "sharpen5x5", "median:size=5", "motion:size=9,angle=30", "emboss3x3",
         "gauss-wiener:size=5,sigma=1.5"]


def opaque(rng, height, width, dtype):
    top = np.iinfo(dtype).max
    rgba = rng.integers(0, top, size=(height, width, 4), dtype=dtype, endpoint=True)
    rgba[..., 3] = top
    return rgba


@pytest.fixture
def rng():
    return np.random.default_rng(7)


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
@pytest.mark.parametrize("spec", SPECS)
def test_channels_and_dtype_kept(rng, dtype, spec):
    rgba = opaque(rng, 61, 83, dtype)
    full = ks.apply(rgba, spec)
    assert full.dtype == dtype and full.shape == rgba.shape
    rgb = ks.apply(np.ascontiguousarray(rgba[..., :3]), spec)
    assert rgb.dtype == dtype and rgb.shape == (61, 83, 3)
    assert np.array_equal(rgb, full[..., :3])
    gray_rgba = rgba.copy()
    gray_rgba[..., 1] = gray_rgba[..., 0]
    gray_rgba[..., 2] = gray_rgba[..., 0]
    gray = ks.apply(np.ascontiguousarray(gray_rgba[..., 0]), spec)
    assert gray.dtype == dtype and gray.shape == (61, 83)
    assert np.array_equal(gray, ks.apply(gray_rgba, spec)[..., 0])


def test_sixteen_bit_differs_from_eight_bit_scaled(rng):
    image16 = opaque(rng, 40, 50, np.uint16)
    result = ks.apply(image16, "gaussian:size=5,sigma=1.5")
    # Not an 8-bit result widened: low bytes carry information.
    assert np.any(result % 257 != 0)


def test_input_is_never_changed(rng):
    image = opaque(rng, 50, 60, np.uint8)
    before = image.copy()
    ks.apply(image, "box:size=5")
    assert np.array_equal(image, before)


def test_result_owns_no_alias_of_the_input(rng):
    image = opaque(rng, 20, 20, np.uint8)
    # A 31x31 kernel covers no pixel fully: every pixel keeps its value; still a new array.
    result = ks.apply(image, "box:size=31", border="unfiltered")
    assert np.array_equal(result, image)
    result[...] = 0
    assert image.any()
    disabled = ks.apply(image, "box:size=3,enabled=false")
    disabled[...] = 0
    assert image.any()


@pytest.mark.parametrize("view", ["crop", "step", "flip", "fortran", "channel-last-view"])
def test_non_contiguous_input(rng, view):
    base = opaque(rng, 90, 120, np.uint8)
    base[..., 3] = rng.integers(0, 255, size=(90, 120))
    if view == "crop":
        image = base[5:70, 7:100]
    elif view == "step":
        image = base[::2, ::3]
    elif view == "flip":
        image = base[::-1, ::-1]
    elif view == "fortran":
        image = np.asfortranarray(base)
    else:
        image = np.ascontiguousarray(np.moveaxis(base, 2, 0)).transpose(1, 2, 0)
    assert not image.flags["C_CONTIGUOUS"] or view == "crop"
    for spec in ("gaussian:size=5,sigma=1.5", "median:size=3"):
        assert np.array_equal(ks.apply(image, spec), ks.apply(np.ascontiguousarray(image), spec))


def test_out_is_written_and_returned(rng):
    image = opaque(rng, 64, 48, np.uint8)
    expected = ks.apply(image, "gaussian:size=5,sigma=1.5")
    out = np.zeros_like(image)
    returned = ks.apply(image, "gaussian:size=5,sigma=1.5", out=out)
    assert returned is out
    assert np.array_equal(out, expected)
    # In place, and into a non-contiguous target.
    ks.apply(image, "gaussian:size=5,sigma=1.5", out=image)
    assert np.array_equal(image, expected)
    wide = np.zeros((64, 96, 4), np.uint8)
    ks.apply(expected, "identity", out=wide[:, ::2])
    assert np.array_equal(wide[:, ::2], expected)


def test_out_must_match(rng):
    image = opaque(rng, 10, 10, np.uint8)
    with pytest.raises(ValueError, match="out must be"):
        ks.apply(image, "identity", out=np.zeros((10, 10, 3), np.uint8))
    with pytest.raises(ValueError, match="out must be"):
        ks.apply(image, "identity", out=np.zeros((10, 10, 4), np.uint16))


@pytest.mark.parametrize("spec", ["gaussian:size=13,sigma=2", "gaussian:sigma=10", "box:size=31", "median:size=9",
                                  "bilateral:size=7", "gauss-wiener:size=5,sigma=1.5", "sharpen3x3:alpha=straight"])
def test_threads_give_identical_bytes(rng, spec):
    image = opaque(rng, 517, 733, np.uint8)
    image[..., 3] = rng.integers(0, 255, size=image.shape[:2])
    one = ks.apply(image, spec, threads=1)
    two = ks.apply(image, spec, threads=2)
    assert one.tobytes() == two.tobytes()


def test_region_and_options(rng):
    image = opaque(rng, 80, 90, np.uint8)
    result = ks.apply(image, ks.GaussianBlur(9, 3), region=(10, 20, 30, 40))
    changed = np.any(result != image, axis=2)
    ys, xs = np.nonzero(changed)
    assert xs.min() >= 10 and xs.max() < 40 and ys.min() >= 20 and ys.max() < 60
    # A key of the filter wins over apply()'s option.
    assert np.array_equal(ks.apply(image, ks.BoxBlur(5, border="wrap"), border="clamp"),
                          ks.apply(image, "box:size=5,border=wrap"))
    assert np.array_equal(ks.apply(image, "box:size=5", border="reflect"),
                          ks.apply(image, "box:size=5,border=reflect"))


def test_gil_is_released_during_a_long_blur():
    image = np.full((2160, 3840, 4), 200, np.uint8)
    image[::7, ::5, :3] = 10
    count = 0
    running = True

    def counter():
        nonlocal count
        while running:
            count += 1

    thread = threading.Thread(target=counter)
    thread.start()
    try:
        time.sleep(0.05)
        start_count = count
        start = time.perf_counter()
        ks.apply(image, "gaussian:size=0,sigma=50", threads=1)
        elapsed = time.perf_counter() - start
        counted = count - start_count
    finally:
        running = False
        thread.join()
    # With the GIL held the counter would stand still for the whole blur.
    assert elapsed > 0.02
    assert counted > 10000, f"{counted} counts in {elapsed:.3f} s"


def test_ctrl_c_cancels_and_raises_keyboard_interrupt():
    image = np.full((2160, 3840, 4), 120, np.uint8)
    steps = ["gaussian:size=0,sigma=50"] * 600  # half a minute of work or more, uncancelled
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    start = time.perf_counter()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            ks.apply(image, steps, threads=1)
    finally:
        timer.cancel()
    # Far less than the work asked for, even on a loaded machine: it was cancelled.
    assert time.perf_counter() - start < 10.0
    # The module is usable afterwards.
    assert ks.apply(image[:10, :10], "box:size=3").shape == (10, 10, 4)
