/**
 * Saliency-map post-processing shared by the sanity checks (Gaussian blur as
 * {@code scipy.ndimage.gaussian_filter}, numpy-style percentiles) and the model-independent control
 * "methods" of Tomsett et al.: a seeded random map and a Sobel edge map.
 */
package org.salientsi.sanity.map;
