"""Writes the small hand-made seeds of the fuzz tests (the others are copies of the NumPy fixtures).

command: /usr/bin/python3 io/src/test/python/make_fuzz_seeds.py io/src/test/resources/org/salientsi/io
"""
import os
import struct
import sys
import zlib

out = sys.argv[1]
png_dir = os.path.join(out, "PngFuzzTestInputs", "png")
npy_dir = os.path.join(out, "NpyFuzzTestInputs", "npy")
os.makedirs(png_dir, exist_ok=True)
os.makedirs(npy_dir, exist_ok=True)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(name, width, height, depth, colour, rows, interlace=0, extra=b""):
    """rows: the filtered scanlines (each starting with its filter byte), concatenated."""
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", zlib.compress(rows))
    with open(os.path.join(png_dir, name), "wb") as f:
        f.write(data + chunk(b"IEND", b""))


png("grey_4x4", 4, 4, 8, 0, b"".join(bytes([0]) + bytes(range(16 * y, 16 * y + 4)) for y in range(4)))
png("grey_filters_3x3", 3, 3, 8, 0, bytes([1, 10, 20, 30, 2, 5, 5, 5, 4, 1, 2, 3]))
png("rgb_2x2", 2, 2, 8, 2, bytes([0, 255, 0, 0, 0, 255, 0, 3, 0, 0, 255, 16, 16, 16]))
png("grey_interlaced_3x3", 3, 3, 8, 0, bytes([0, 9, 0, 8, 0, 7, 6, 0, 5, 0, 4, 0, 3, 2, 1]), interlace=1)
png("grey_trns_2x1", 2, 1, 8, 0, bytes([0, 1, 2]), extra=chunk(b"tRNS", b"\x00\x01"))
png("grey_text_1x1", 1, 1, 8, 0, bytes([0, 200]), extra=chunk(b"tEXt", b"Comment\x00seed"))
png("palette_2x1", 2, 1, 8, 3, bytes([0, 0, 1]), extra=chunk(b"PLTE", bytes([0, 0, 0, 255, 255, 255])))
png("grey16_1x1", 1, 1, 16, 0, bytes([0, 1, 2]))

header = "{'descr': '<f8', 'fortran_order': True, 'shape': (2L, 1L), }"
header += " " * (63 - (10 + len(header)) % 64) + "\n"
with open(os.path.join(npy_dir, "py2_longs"), "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1")
            + struct.pack("<2d", 1.0, 2.0))
