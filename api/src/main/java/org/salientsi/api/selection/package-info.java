/**
 * The region-selector SPI: which pixels a saliency map points at, at a point and on a linear piece
 * (where every comparison is a decision that narrows the piece).
 */
package org.salientsi.api.selection;
