"""Writes the small .npy files the cli tests read (NumPy is the reference writer); the .npy reader's own
fixtures are written by io/src/test/python/make_npy_fixtures.py.

command: /usr/bin/python3 cli/src/test/python/make_npy_fixtures.py cli/src/test/resources/npy
"""
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
np.save(os.path.join(out, "int32.npy"), np.arange(6, dtype=np.int32).reshape(2, 3))
np.save(os.path.join(out, "rank4.npy"), np.zeros((1, 2, 2, 1)))
