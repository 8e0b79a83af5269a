package org.salientsi.core.search;

import java.util.List;

/**
 * Walks the segments of one exhaustive search somewhere: on this machine's search threads
 * ({@link #local}) or on a cluster. The search splits each side of T into {@link #segmentsPerSide()}
 * segments of equal length in z, hands them over in one call, merges the results in any order and
 * finishes the p-values as an unsplit search does; widening the search for the confidence interval hands
 * over further segments in later calls with the same plan.
 */
public interface SegmentExecutor extends AutoCloseable {

    /** @return the executor's name, recorded in the result's provenance ({@code executor}) */
    String name();

    /** @return segments each side of T is split into, {@code >= 1} */
    int segmentsPerSide();

    /**
     * Walks segments of one search (each with {@link SegmentPlan#walk}).
     *
     * @param plan the search's line, observation and options
     * @param selection the search's selection (an executor on other machines rebuilds its own)
     * @param segments the segments
     * @return one result per segment, in any order
     * @throws org.salientsi.api.error.NumericalBreakdownException if a walk loses precision or stalls
     */
    List<SegmentResult> walk(SegmentPlan plan, Selection selection, List<SearchSegment> segments);

    /** Releases what the executor holds (a cluster connection); the local one holds nothing. */
    @Override
    default void close() {
        // nothing held
    }

    /**
     * @param threads segments walked at once, {@code >= 1}
     * @param segmentsPerSide segments per side of T, {@code >= 1}
     * @return an executor on this JVM's search threads
     */
    static SegmentExecutor local(int threads, int segmentsPerSide) {
        return new LocalSegments(threads, segmentsPerSide);
    }
}
