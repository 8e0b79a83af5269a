/**
 * What the saliency methods share: the explained unit (the pre-activation logit of the target, and
 * the arg-max decision when the target is the arg-max class), the reduction of a multi-channel map to
 * one value per pixel, the resizing of a feature-resolution map to the input grid, and the base of the
 * methods' providers.
 */
package org.salientsi.methods.support;
