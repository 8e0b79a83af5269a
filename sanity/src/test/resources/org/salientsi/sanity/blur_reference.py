# Reference values for MapProcessingTest: scipy.ndimage.gaussian_filter in constant mode and numpy
# percentiles of a fixed 7 x 9 plane. Run: python3 blur_reference.py > blur_reference.txt
# (numpy 2.4.6, scipy 1.17.1 when the committed file was made)
import numpy as np
from scipy.ndimage import gaussian_filter

h, w = 7, 9
plane = np.array([np.sin(0.7 * i + 0.3) * (1 + (i % 5)) for i in range(h * w)]).reshape(h, w)
print("# plane: sin(0.7 i + 0.3) * (1 + i mod 5), i = row-major index, 7 x 9")
for sigma, truncate in [(1.0, 3.5), (0.64, 4.0), (2.5, 4.0)]:
    out = gaussian_filter(plane, sigma=sigma, truncate=truncate, mode="constant", cval=0.0)
    print("blur %r %r %s" % (sigma, truncate, " ".join(repr(float(v)) for v in out.ravel())))
for p in [0.0, 12.5, 66.66666666666667, 90.0, 100.0]:
    print("percentile %r %r" % (p, float(np.percentile(plane, p))))
