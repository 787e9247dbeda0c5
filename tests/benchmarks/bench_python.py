#!/usr/bin/env python3
"""kernelstudio.apply on a 3840x2160 uint8 RGBA array against the engine's own time (the same
call's Engine::apply, measured inside the module) and against OpenCV's cv2.GaussianBlur, for the
bench_engine cases gaussS2 (13x13, sigma 2) and gaussS10 (61x61, sigma 10), border clamp
(BORDER_REPLICATE), opaque input. Prints medians of several runs, in ms.

    PYTHONPATH=build/python python3 tests/benchmarks/bench_python.py [--runs 9] [--threads 1 2]
"""

import argparse
import statistics
import time

import numpy as np

import kernelstudio as ks

try:
    import cv2
except ImportError:  # python3-opencv
    cv2 = None

CASES = {  # name: (spec, OpenCV kernel side, sigma), as in tests/benchmarks/bench_engine.cpp
    "gaussS2": ("gaussian:size=13,sigma=2", 13, 2.0),
    "gaussS10": ("gaussian:size=61,sigma=10", 61, 10.0),
}


def textured(width, height):
    """An opaque, textured RGBA image (gradients and noise), like the C++ benchmarks'."""
    rng = np.random.default_rng(1)
    y, x = np.mgrid[0:height, 0:width]
    image = np.empty((height, width, 4), np.uint8)
    image[..., 0] = (x * 255 // max(width - 1, 1)).astype(np.uint8)
    image[..., 1] = (y * 255 // max(height - 1, 1)).astype(np.uint8)
    image[..., 2] = rng.integers(0, 256, (height, width), dtype=np.uint8)
    image[..., 3] = 255
    return image


def median_ms(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--width", type=int, default=3840)
    parser.add_argument("--height", type=int, default=2160)
    args = parser.parse_args()

    image = textured(args.width, args.height)
    print(f"{args.width}x{args.height} uint8 RGBA, medians of {args.runs} runs (ms)")
    print("| case | threads | kernelstudio.apply | engine's own | apply/engine | cv2.GaussianBlur | apply/cv2 |")
    print("|---|---|---|---|---|---|---|")
    for threads in args.threads:
        for name, (spec, side, sigma) in CASES.items():
            ks.apply(image, spec, threads=threads)  # warm: pool threads, pages
            # Interleaved, so that load from elsewhere on the machine falls on both alike.
            apply_times, engine_times, cv_times = [], [], []
            if cv2 is not None:
                cv2.setNumThreads(threads)
            for _ in range(args.runs):
                start = time.perf_counter()
                ks.apply(image, spec, threads=threads)
                apply_times.append((time.perf_counter() - start) * 1000)
                _, seconds = ks._core.apply_timed(image, [spec], threads)
                engine_times.append(seconds * 1000)
                if cv2 is not None:
                    start = time.perf_counter()
                    cv2.GaussianBlur(image, (side, side), sigma, sigmaY=sigma, borderType=cv2.BORDER_REPLICATE)
                    cv_times.append((time.perf_counter() - start) * 1000)
            a, e = statistics.median(apply_times), statistics.median(engine_times)
            c = statistics.median(cv_times) if cv_times else float("nan")
            print(f"| {name} | {threads} | {a:.2f} | {e:.2f} | {a / e:.3f} | {c:.2f} | {a / c:.3f} |")


if __name__ == "__main__":
    main()
