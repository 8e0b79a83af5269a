/**
 * Reliability statistics for per-image saliency-metric scores (SANITY.md section 2.5): the score
 * matrix and direction-aware ranks, Krippendorff's alpha with a bootstrap interval (inter-rater
 * reliability, images as raters of the saliency methods), Spearman correlations between methods
 * (inter-method reliability) and between metrics (internal consistency), Kendall's W and rank reversals.
 */
package org.salientsi.sanity.reliability;
