/**
 * Saliency-map post-processing shared by the sanity checks (numpy-style percentiles; their Gaussian blur is
 * {@code org.salientsi.methods.blur.GaussianBlur} with the zero border) and the model-independent control
 * "methods" of Tomsett et al.: a seeded random map and a Sobel edge map.
 */
package org.salientsi.sanity.map;
