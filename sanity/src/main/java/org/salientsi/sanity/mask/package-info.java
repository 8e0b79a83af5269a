/**
 * Agreement between saliency maps and masks of the relevant region (Viviano et al., SANITY.md section
 * 3.4): IoU, IoP and IoT at the mask-size percentile after absolute value and Gaussian blur, the
 * pointing game and relevance-rank accuracy, per image and aggregated over seeds; and the mask
 * operations of the training variants (zero or shuffle outside the mask, blur dilation).
 */
package org.salientsi.sanity.mask;
