package org.salientsi.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.statistic.Observation;

/**
 * Replays orders of an early-stopping search over the pieces an exhaustive search visited. The pieces
 * each walker visits do not depend on the order in which the two walkers take turns, so one exhaustive
 * search, recorded side by side, shows what every order would have seen: the best order in hindsight
 * is the pair of left and right piece counts with the fewest pieces at which the bounds decide, and
 * the plain order "the frontier nearer to 0 first" can be stepped through. A search's own order can
 * never need fewer pieces than the best in hindsight.
 */
public final class OrderReplay {

    private final Alternative alternative;
    private final double alpha;
    private final SelectiveResult exhaustive;
    private final List<double[]> left = new ArrayList<>();
    private final List<double[]> right = new ArrayList<>();

    private OrderReplay(Alternative alternative, double alpha, SelectiveResult exhaustive, List<double[]> left,
            List<double[]> right) {
        this.alternative = alternative;
        this.alpha = alpha;
        this.exhaustive = exhaustive;
        this.left.addAll(left);
        this.right.addAll(right);
    }

    /**
     * Runs an exhaustive search and records its pieces.
     *
     * @param test the test (its termination is replaced by exhaustive, its confidence level by 0, its
     *     skipping by {@link SegmentSkipping#NEVER}: the replay needs every piece)
     * @param alpha the level of the {@code decision(alpha)} stop to replay
     * @param selection the selection
     * @param observation the observation
     * @return the replay
     */
    public static OrderReplay record(SelectiveTest test, double alpha, Selection selection, Observation observation) {
        SelectiveTest full = test.withTermination(Termination.exhaustive()).withConfidenceLevel(0)
                .withSkipping(SegmentSkipping.NEVER);
        List<double[]> left = new ArrayList<>();
        List<double[]> right = new ArrayList<>();
        ParametricSearch search = new ParametricSearch(full, selection, observation);
        search.listen((leftSide, from, to, matched) ->
                (leftSide ? left : right).add(new double[] {from, to, matched ? 1 : 0}));
        SelectiveResult result = search.run(Provenance.empty());
        if (result.pieces() != left.size() + right.size()) {
            throw new AssertionError("the listener saw " + (left.size() + right.size()) + " pieces of "
                    + result.pieces());
        }
        return new OrderReplay(test.alternative(), alpha, result, left, right);
    }

    /**
     * A search's result with the segments it ruled out of the truncation set without walking them.
     *
     * @param result the result
     * @param segments the skipped segments (certified out of the truncation set), {@code [lo, hi]} in z
     * @param included the segments certified into the truncation set, {@code [lo, hi]} in z
     */
    public record Skips(SelectiveResult result, List<double[]> segments, List<double[]> included) {
    }

    /**
     * Runs a search and records the segments it skips.
     *
     * @param test the test
     * @param selection the selection
     * @param observation the observation
     * @return the result and the skipped segments
     */
    public static Skips skips(SelectiveTest test, Selection selection, Observation observation) {
        List<double[]> segments = new ArrayList<>();
        List<double[]> included = new ArrayList<>();
        ParametricSearch search = new ParametricSearch(test, selection, observation);
        search.listen(new SearchObserver() {
            @Override
            public void piece(boolean leftSide, double from, double to, boolean matched) {
            }

            @Override
            public void skipped(boolean leftSide, double from, double to) {
                segments.add(new double[] {Math.min(from, to), Math.max(from, to)});
            }

            @Override
            public void included(boolean leftSide, double from, double to) {
                included.add(new double[] {Math.min(from, to), Math.max(from, to)});
            }
        });
        return new Skips(search.run(Provenance.empty()), segments, included);
    }

    /**
     * Asserts that no segment overlaps a piece of the exhaustive truncation set by more than
     * {@code 1e-9 (1 + |piece start|)}.
     *
     * @param segments segments {@code [lo, hi]} in z, for example those a search skipped
     * @param what label for failures
     */
    public void assertOutsideTruncationSet(List<double[]> segments, String what) {
        List<double[]> matched = matchedPieces();
        for (double[] s : segments) {
            for (double[] m : matched) {
                double overlap = Math.min(s[1], m[1]) - Math.max(s[0], m[0]);
                assertThat(overlap).as("%s: skipped [%s, %s] overlaps matched [%s, %s]", what, s[0], s[1], m[0],
                        m[1]).isLessThanOrEqualTo(1e-9 * (1 + Math.abs(m[0])));
            }
        }
    }

    /**
     * Asserts that every segment lies inside the exhaustive truncation set, up to {@code 1e-9 (1 + |end|)}
     * at its ends.
     *
     * @param segments segments {@code [lo, hi]} in z, for example those a search certified in
     * @param what label for failures
     */
    public void assertInsideTruncationSet(List<double[]> segments, String what) {
        org.salientsi.api.interval.IntervalSet z = exhaustive().intervals();
        for (double[] s : segments) {
            boolean inside = false;
            for (int i = 0; i < z.size(); i++) {
                if (z.lower(i) <= s[0] + 1e-9 * (1 + Math.abs(s[0])) && s[1] <= z.upper(i) + 1e-9 * (1
                        + Math.abs(s[1]))) {
                    inside = true;
                }
            }
            assertThat(inside).as("%s: certified [%s, %s] lies inside %s", what, s[0], s[1], z).isTrue();
        }
    }

    /** @return the pieces of the exhaustive search that lie in the truncation set, {@code [lo, hi]} in z */
    public List<double[]> matchedPieces() {
        List<double[]> out = new ArrayList<>();
        for (List<double[]> side : List.of(left, right)) {
            for (double[] p : side) {
                if (p[2] == 1) {
                    out.add(new double[] {Math.min(p[0], p[1]), Math.max(p[0], p[1])});
                }
            }
        }
        return out;
    }

    /** @return the exhaustive search's result */
    public SelectiveResult exhaustive() {
        return exhaustive;
    }

    /** @return the fewest pieces, over all pairs of left and right counts, at which the bounds decide */
    public long fewestPieces() {
        long best = left.size() + right.size();
        for (int i = 0; i <= left.size() && i < best; i++) {
            PValueBounds b = tracker();
            for (int k = 0; k < i; k++) {
                add(b, left.get(k));
            }
            double lf = i == 0 ? exhaustive.statistic() : left.get(i - 1)[1];
            for (int j = 0; j <= right.size() && i + j < best; j++) {
                if (j > 0) {
                    add(b, right.get(j - 1));
                }
                double rf = j == 0 ? exhaustive.statistic() : right.get(j - 1)[1];
                if (i + j > 0 && decides(b, lf, rf)) {
                    best = i + j;
                    break;
                }
            }
        }
        return best;
    }

    /** @return the pieces of the order that always steps the frontier nearer to 0 (right on ties) */
    public long nearerToZeroFirst() {
        PValueBounds b = tracker();
        int i = 0;
        int j = 0;
        double lf = exhaustive.statistic();
        double rf = lf;
        while (i < left.size() || j < right.size()) {
            boolean stepLeft = j >= right.size() || (i < left.size() && Math.abs(lf) < Math.abs(rf));
            double[] p = stepLeft ? left.get(i++) : right.get(j++);
            add(b, p);
            if (stepLeft) {
                lf = p[1];
            } else {
                rf = p[1];
            }
            if ((i < left.size() || j < right.size()) && decides(b, lf, rf)) {
                break;
            }
        }
        return i + j;
    }

    private PValueBounds tracker() {
        return new PValueBounds(alternative, exhaustive.statistic(), exhaustive.sigmaT());
    }

    private boolean decides(PValueBounds b, double lf, double rf) {
        // the exhaustive walkers end where the search range (clamped by the statistic's constraints) does
        double walkMin = left.isEmpty() ? exhaustive.statistic() : left.get(left.size() - 1)[1];
        double walkMax = right.isEmpty() ? exhaustive.statistic() : right.get(right.size() - 1)[1];
        b.bound(walkMin, lf, rf, walkMax);
        return b.upper() <= alpha || b.lower() > alpha;
    }

    private static void add(PValueBounds b, double[] piece) {
        double lo = Math.min(piece[0], piece[1]);
        double hi = Math.max(piece[0], piece[1]);
        if (piece[2] == 1 && lo < hi) {
            b.add(lo, hi);
        }
    }
}
