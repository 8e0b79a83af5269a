/**
 * The parametric-programming search for the exact truncation set of a selection event on the test
 * line, and the selective test built on it (Miwa, Duy and Takeuchi, ICLR 2023; Duy, Iwazaki and
 * Takeuchi, NeurIPS 2022), with bounded p-values for early termination (Shiraishi et al.,
 * arXiv 2307.11351) and the selective confidence interval. The search walks outward from the observed
 * statistic, incrementally by default ({@code SelectiveTest.withIncremental(false)} selects the
 * full-pass reference), and allocates nothing per piece. An exhaustive search may be split into
 * {@link org.salientsi.core.search.SearchSegment segments} of the line, each walked from a full network
 * pass at its near end with a serialisable {@link org.salientsi.core.search.SegmentPlan} on any thread or
 * machine ({@link org.salientsi.core.search.SegmentExecutor}), whose
 * {@link org.salientsi.core.search.SegmentResult results} merge in any order into the search's result.
 */
package org.salientsi.core.search;
