/**
 * Summaries of validation studies: mergeable accumulators in the Guava
 * {@code StatsAccumulator}/{@code Stats} style ({@link org.salientsi.validation.summary.StudyAccumulator}
 * and its immutable snapshot {@link org.salientsi.validation.summary.StudyStats}), rejection rates
 * with Clopper-Pearson intervals, Kolmogorov-Smirnov tests against the uniform distribution, and the
 * summary JSON of {@code salientsi validate} ({@link org.salientsi.validation.summary.StudySummary}).
 *
 * <p>Merging is associative and commutative (counts add, p-values are kept as multisets and sorted
 * in the snapshot), so a local thread pool, Spark's tree reduction or any other executor reduce the
 * same trials to the same statistics. Only wall times, doubles summed in executor order, may differ
 * in their last bits.
 */
package org.salientsi.validation.summary;
