#!/usr/bin/python3
"""Writes a large 8-bit RGBA PNG row by row (never whole in memory), for measuring --stream.

usage: makebigpng.py OUT.png WIDTH HEIGHT
A smooth pattern with a little noise, so it compresses like a photograph more than a flat fill.
"""
import struct
import sys
import zlib

import numpy as np


def chunk(out, kind, data):
    out.write(struct.pack(">I", len(data)) + kind + data)
    out.write(struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def main():
    path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    x = np.arange(width, dtype=np.int64)
    rng = np.random.default_rng(18)
    noise = rng.integers(0, 8, (64, width, 3), dtype=np.uint8)
    compressor = zlib.compressobj(1)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        chunk(out, b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
        pending = []
        for y in range(height):
            row = np.empty((width, 4), dtype=np.uint8)
            row[:, 0] = x * 247 // max(1, width - 1)
            row[:, 1] = y * 247 // max(1, height - 1)
            row[:, 2] = ((x // 64 + y // 64) % 2) * 160 + 40
            row[:, 3] = 255
            row[:, :3] += noise[y % 64]  # below 256: the ramps stop at 247 and the squares at 200
            pending.append(compressor.compress(b"\x00" + row.tobytes()))
            if y % 256 == 255:
                chunk(out, b"IDAT", b"".join(pending))
                pending = []
        pending.append(compressor.flush())
        chunk(out, b"IDAT", b"".join(pending))
        chunk(out, b"IEND", b"")


if __name__ == "__main__":
    main()
