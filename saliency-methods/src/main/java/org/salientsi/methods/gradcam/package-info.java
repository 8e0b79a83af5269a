/**
 * Grad-CAM (Selvaraju et al., ICCV 2017, arXiv 1610.02391) with exact gradients over the activation
 * pattern of a linear piece.
 */
package org.salientsi.methods.gradcam;
