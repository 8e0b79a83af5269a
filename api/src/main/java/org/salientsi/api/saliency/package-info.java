/**
 * The saliency-method SPI. A method gives a map on the input's pixel grid at a point and, when it is
 * piecewise linear in the input, its map on a linear piece of the test line as
 * \( S(z) = p + q z \), which is what makes the exact selective p-value possible.
 */
package org.salientsi.api.saliency;
