package org.salientsi.api.eval;

/**
 * The engine's decision rule on a linear piece of the test line, all that a region selector needs to
 * decide on values that are linear in {@code z} there: each answer holds on the whole piece, which the
 * engine narrows as needed (ties settled just past the piece's start, so consecutive pieces tile the line).
 * A plugin never sees where the piece lies on the line.
 */
public interface Decisions {

    /**
     * @param p intercept
     * @param q slope
     * @return whether {@code p + q z > 0} on the piece (the engine narrows the piece so that it holds)
     */
    boolean positive(double p, double q);

    /**
     * The value {@code p + q z} where the piece starts: for ordering candidates before deciding (as top-k
     * does); a decision itself goes through {@link #positive} or {@link #argmax}, never through a comparison
     * of values.
     *
     * @param p intercept
     * @param q slope
     * @return the value where the piece starts
     */
    double valueAtStart(double p, double q);

    /**
     * @param p intercepts
     * @param q slopes
     * @param from first index
     * @param to end index (exclusive)
     * @param step index step, {@code >= 1}
     * @return the index of the largest of {@code p[i] + q[i] z}, {@code i = from, from + step, ..., < to}, on
     *     the piece (ties to the lower index; the engine narrows the piece so that it stays largest)
     */
    int argmax(double[] p, double[] q, int from, int to, int step);
}
