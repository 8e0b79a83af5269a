package org.salientsi.core.search;

/**
 * Which of the two walkers steps next: the order of a search's walk. It changes neither the truncation
 * set nor an exhaustive result, only where an early stop happens and how many pieces it walks.
 */
enum WalkOrder {

    /**
     * The frontier nearer to the null mean 0 moves (exhaustive searches, where the order does not matter,
     * and rule 3 of {@link #EARLY_STOPS}).
     */
    NEAREST_FRONTIER {
        @Override
        Walker choose(Walker right, Walker left, PValueBounds bounds, Termination termination, double walkMin,
                      double walkMax) {
            return nearer(right, left);
        }
    },

    /**
     * For early stops: first each walker's first piece (the two halves of the piece that holds T), then
     * three rules in turn:
     * <ol>
     * <li>a walker whose last piece lay in the truncation set and added at least 1% of the mass found so
     *     far goes on, so the interval of the set it is in (first of all the one that holds T) is found
     *     whole: a few pieces that add found mass on which both bounds rest (the 1% keeps a walker from
     *     following a long interval far into the tail, where its pieces add nothing);</li>
     * <li>if settling one side alone (its unexplored part taken as outside the set) would already decide
     *     the stop and settling the other would not, that side moves: when T is far out in the tail the
     *     decision often waits only on the tail beyond T;</li>
     * <li>otherwise the frontier nearer to the null mean 0 moves: there the unexplored part of the line
     *     carries the most null mass per piece, so the bounds tighten fastest.</li>
     * </ol>
     * The best order in hindsight (the fewest pieces over all pairs of left and right piece counts at
     * which the bounds decide) is only a little better: on 60 null images per paper model a two-sided
     * {@code decision(0.05)} search that walks every piece (no skipping) visits 5.9/17.4/23.0/34.5% of the
     * exhaustive pieces at 8/16/32/64 px, the best order 5.3/16.7/21.9/34.4% and rule 3 alone
     * 12.3/23.1/29.5/37.9% (PaperModelsSearchOrderTest as a study). Certified segments
     * ({@link Walker#maybeSkip}) come on top.
     */
    EARLY_STOPS {
        @Override
        Walker choose(Walker right, Walker left, PValueBounds bounds, Termination termination, double walkMin,
                      double walkMax) {
            if (right.pieces == 0 || left.pieces == 0) {
                return right.pieces == 0 ? right : left;
            }
            double gate = bounds.foundMass() + LOG_RUN_GATE;
            if (right.lastLogMass > Double.NEGATIVE_INFINITY && right.lastLogMass >= gate) {
                return right;
            }
            if (left.lastLogMass > Double.NEGATIVE_INFINITY && left.lastLogMass >= gate) {
                return left;
            }
            bounds.bound(walkMin, walkMin, right.frontier(), walkMax);
            boolean leftDecides = termination.satisfied(bounds.lower(), bounds.upper());
            bounds.bound(walkMin, left.frontier(), walkMax, walkMax);
            boolean rightDecides = termination.satisfied(bounds.lower(), bounds.upper());
            if (leftDecides != rightDecides) {
                return leftDecides ? left : right;
            }
            return nearer(right, left);
        }
    };

    /** Log of the share of the found mass a matching piece must add for its walker to go on first. */
    private static final double LOG_RUN_GATE = Math.log(0.01);

    /**
     * @param right the walker rightward from T
     * @param left the walker leftward from T
     * @param bounds the p-value bounds of the truncation set found so far (early stops), or null
     * @param termination when the search may stop
     * @param walkMin the walk's lower end
     * @param walkMax the walk's upper end
     * @return the walker to step next (one that is not done, unless both are)
     */
    Walker next(Walker right, Walker left, PValueBounds bounds, Termination termination, double walkMin,
                double walkMax) {
        if (right.done()) {
            return left;
        }
        if (left.done()) {
            return right;
        }
        return choose(right, left, bounds, termination, walkMin, walkMax);
    }

    /** As {@link #next} when neither walker is done. */
    abstract Walker choose(Walker right, Walker left, PValueBounds bounds, Termination termination, double walkMin,
                           double walkMax);

    private static Walker nearer(Walker right, Walker left) {
        return Math.abs(right.frontier()) <= Math.abs(left.frontier()) ? right : left;
    }
}
