"""Writes the .npy fixtures of the io tests with NumPy's own writer, and a sidecar file of what NumPy holds.

command: /usr/bin/python3 io/src/test/python/make_npy_fixtures.py io/src/test/resources/org/salientsi/io/npy

Each line of values.tsv is: file, descr, fortran_order, shape (comma-separated), then the values in C order
(Python's repr of each as a float, which a Java double parses to the same value), tab-separated fields.
Fixtures NumPy reads but SalientSI refuses (int64 beyond 2^53) have the values field "refused".
"""
import os
import sys

import numpy as np
from numpy.lib import format as npformat

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rows = []


def save(name, a, version=None, refused=False):
    path = os.path.join(out, name)
    with open(path, "wb") as f:
        npformat.write_array(f, a, version=version, allow_pickle=False)
    back = np.load(path, allow_pickle=False)
    assert back.dtype == a.dtype and back.shape == a.shape
    fortran = a.flags.f_contiguous and not a.flags.c_contiguous
    values = "refused" if refused else " ".join(repr(float(v)) for v in np.ravel(back, order="C"))
    shape = ",".join(str(d) for d in a.shape)
    rows.append("\t".join([name, back.dtype.str, str(fortran), shape, values]))


base = (np.arange(24, dtype=np.float64).reshape(2, 3, 4) - 7.5) / 3.0
save("c_f8.npy", base[0])
save("fortran_f8.npy", np.asfortranarray(base[0]))
save("big_endian_f4.npy", base.astype(">f4"))
save("big_endian_fortran_f8.npy", np.asfortranarray(base.astype(">f8")))
save("v2_f8.npy", base, version=(2, 0))
save("v3_f4.npy", base.astype("<f4"), version=(3, 0))
save("v3_fortran_f8.npy", np.asfortranarray(base[1]), version=(3, 0))
rank4 = np.arange(120, dtype=np.float64).reshape(2, 3, 4, 5) * 0.5 - 20
save("rank4_fortran_f8.npy", np.asfortranarray(rank4))
save("scalar_f8.npy", np.array(2.5))
save("vector_f4.npy", np.array([1.5, -2.25, 1e-3, 3e38], dtype=np.float32))
save("empty_f8.npy", np.zeros((0, 3)))
save("special_f8.npy", np.array([[np.inf, -0.0], [5e-324, 1.7976931348623157e308]]))
save("bool.npy", np.array([[True, False, True], [False, False, True]]))
ints = np.array([[0, 1, -1], [100, -100, 127]])
save("int8.npy", ints.astype(np.int8))
save("uint8.npy", np.array([[0, 1, 255], [128, 7, 254]], dtype=np.uint8))
save("int16_big.npy", (ints * 250).astype(">i2"))
save("uint16.npy", np.array([0, 65535, 300], dtype="<u2"))
save("int32_fortran.npy", np.asfortranarray((ints * 16777216).astype("<i4")))
save("uint32_big.npy", np.array([0, 4294967295, 65536], dtype=">u4"))
save("int64.npy", np.array([-(2 ** 53), 2 ** 53, -5], dtype="<i8"))
save("uint64_big.npy", np.array([2 ** 53, 0, 12345678901], dtype=">u8"))
save("int64_inexact.npy", np.array([1, 2 ** 53 + 1], dtype="<i8"), refused=True)

with open(os.path.join(out, "values.tsv"), "w") as f:
    f.write("# written by io/src/test/python/make_npy_fixtures.py with numpy " + np.__version__ + "\n")
    f.write("\n".join(rows) + "\n")
