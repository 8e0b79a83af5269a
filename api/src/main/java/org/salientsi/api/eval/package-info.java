/**
 * What plugins see of a network's evaluation: its node values at a point, and on the test line
 * \( Y(z) = a + c z \) each node's intercept and slope on the current linear piece together with the
 * decisions that bound that piece.
 */
package org.salientsi.api.eval;
