/**
 * Validation of selective p-values at scale. (The sanity checks of saliency metrics, masks and input
 * invariance, SANITY.md, are the separate module {@code salientsi-sanity}, package {@code org.salientsi.sanity}.)
 *
 * <p>Studies: {@code study} (what a study is, one trial), {@code generate} (the paper's synthetic
 * images), {@code executor} (where trials run: a local thread pool, or Spark through the
 * salientsi-validation-spark module), {@code checkpoint} (resumable JSONL rows), {@code run} (a whole
 * study), {@code summary} (mergeable accumulators, rejection rates with Clopper-Pearson intervals,
 * KS tests), {@code report} (CSV, JSON, PNG plots, HTML) and {@code paper} (the paper's FPR and TPR
 * experiment).
 */
package org.salientsi.validation;
