/**
 * The saliency-metric reliability study of Tomsett et al. (issue 11): every image's maps, every metric
 * of every implementation variant, the score matrices and their reliability statistics.
 */
package org.salientsi.sanity.metrics;
