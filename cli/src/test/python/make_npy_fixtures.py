"""Writes the small .npy files the cli tests read (NumPy is the reference writer).

command: /usr/bin/python3 cli/src/test/python/make_npy_fixtures.py cli/src/test/resources/npy
"""
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
a = np.arange(6, dtype=np.float64).reshape(2, 3) / 4.0
np.save(os.path.join(out, "c_f8.npy"), a)
np.save(os.path.join(out, "fortran_f8.npy"), np.asfortranarray(a))
np.save(os.path.join(out, "c_f4.npy"), a.astype(np.float32))
np.save(os.path.join(out, "big_endian_f8.npy"), a.astype(">f8"))
hwc = (np.arange(12, dtype=np.float64).reshape(2, 2, 3) - 5.0) / 3.0
np.save(os.path.join(out, "hwc_f8.npy"), hwc)
np.save(os.path.join(out, "hwc_fortran_f4.npy"), np.asfortranarray(hwc.astype(np.float32)))
np.save(os.path.join(out, "int32.npy"), np.arange(6, dtype=np.int32).reshape(2, 3))
bad = a.copy()
bad[1, 2] = np.nan
np.save(os.path.join(out, "nan.npy"), bad)
np.save(os.path.join(out, "rank4.npy"), np.zeros((1, 2, 2, 1)))
with open(os.path.join(out, "c_f8.npy"), "rb") as f:
    data = f.read()
with open(os.path.join(out, "truncated.npy"), "wb") as f:
    f.write(data[: len(data) - 8])
