#!/usr/bin/env python3
"""The reference example's sixteen kernel filters, in Python, on the bundled samples.

Applies each filter on its own to resources/samples/photo.png and shapes.svg and writes one
PNG per filter and image, named as ``kernel-studio-cli each --example`` names them
(``photo-01.png`` ... ``shapes-16.png``): 32 files, the same pixels as the command line's.

    python3 examples/reference_example.py [OUTPUT_DIR] [--samples DIR]
"""

import argparse
import pathlib

import numpy as np

import kernelstudio as ks

HERE = pathlib.Path(__file__).resolve().parent


def reference_filters():
    """The sixteen steps: one size, sigma and angle for all, as in the reference."""
    size, sigma, angle = 5, 1.5, 45
    gaussian = ks.get_gaussian(size, sigma)
    custom = ks.Kernel([[0, 0, 1, 0, 0],
                        [0, 1, 1, 1, 0],
                        [0, 1, 2, 1, 0],
                        [1, 2, 10, 2, 1],
                        [0, 1, 2, 1, 0],
                        [0, 1, 1, 1, 0],
                        [0, 0, 1, 0, 0]])
    return [
        ks.Emboss3x3(),
        ks.Emboss5x5(),
        ks.Sharpen3x3(),
        ks.Sharpen5x5(),
        ks.BoxBlur(size),
        ks.MotionBlur(size, angle),
        ks.Convolution(gaussian),                        # the Gaussian kernel as a plain convolution
        ks.Convolution(custom, factor=1 / 32),
        ks.GaussianBlur(size, sigma),
        ks.GaussianSharpen(size, sigma, amount=1),
        ks.Median(size),
        ks.Deconvolution(gaussian),                      # Wiener: undo the Gaussian blur
        ks.Deconvolution(custom),
        ks.Deconvolution(custom, imaginary=np.zeros(custom.shape)),  # complex, zero imaginary part
        ks.GaussWiener(size, sigma),
        ks.MotionWiener(size, sigma, angle),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="out/python-samples", help="directory for the results")
    parser.add_argument("--samples", default=str(HERE.parent / "resources" / "samples"),
                        help="directory holding photo.png and shapes.svg")
    args = parser.parse_args()

    out = pathlib.Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    filters = reference_filters()
    for name in ("photo.png", "shapes.svg"):
        path = pathlib.Path(args.samples) / name
        image = ks.load(path)
        for index, f in enumerate(filters, start=1):
            target = out / ks.each_file_name(path.stem, index, len(filters))
            ks.save(target, ks.apply(image, f))
            print(f"{target}  {f.spec}")


if __name__ == "__main__":
    main()
