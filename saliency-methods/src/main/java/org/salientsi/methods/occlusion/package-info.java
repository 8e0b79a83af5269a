/**
 * Occlusion (Zeiler and Fergus, ECCV 2014, arXiv 1311.2901): a map only, since the change of the
 * logit under occlusion is not piecewise linear in the input.
 */
package org.salientsi.methods.occlusion;
