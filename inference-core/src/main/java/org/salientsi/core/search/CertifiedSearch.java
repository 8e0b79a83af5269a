package org.salientsi.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.StopReason;
import org.salientsi.core.stats.IntervalMass;

/**
 * Certified bounds on the selective p-value for a network that need not be piecewise linear (issue 24): the
 * search range {@code [walkMin, walkMax]} of the test line is bisected into segments, each certified out of
 * the truncation set Z, into it, or left undecided by bounds over the whole segment ({@link SegmentCertifier});
 * the undecided segment of largest null mass is bisected next, down to a width limit. Then
 * {@code In ⊆ Z ⊆ In ∪ Undecided} over the range, and since the p-value {@code N / (N + D)} grows with the
 * mass N and falls with D, the lower bound counts the undecided mass in D only and the upper one in N only
 * ({@link PValueBounds#boundUndecided}), for every alternative and for the normal and the chi null laws.
 * The bounds are widened outward by {@value #ROUNDING} relative ({@code lower (1 - r)}, {@code upper (1 + r)},
 * clipped to [0, 1]), which covers the accuracy of the mass computations (about 1e-12 relative).
 *
 * <p>Stops when the termination rule holds on the bounds (exhaustive: {@code upper - lower <=}
 * {@value #DEFAULT_PRECISION}; {@code precision:EPS}; {@code decision:ALPHA}), when only segments at the
 * width limit are undecided, when bisection stalls ({@link #STALL_EVALUATIONS}), after {@code maxSegments}
 * segment evaluations, or at the time limit (then {@link Outcome#timedOut()}). Whatever stops it, the
 * bounds hold. Not thread-safe; one per search.
 */
final class CertifiedSearch {

    /** The default width limit, in units of sigma_T: undecided segments this short are not bisected. */
    static final double DEFAULT_WIDTH_LIMIT = 1e-6;
    /** Relative outward widening of the bounds, covering the accuracy of the mass computations. */
    static final double ROUNDING = 1e-11;
    /** The bound width an exhaustive certified search refines to (no termination rule given). */
    static final double DEFAULT_PRECISION = 0.01;
    /**
     * Evaluations without progress after which the search stops as stalled: when the bound width has not
     * shrunk by {@value #STALL_DROP} in the last {@code max(STALL_EVALUATIONS, e)} evaluations, {@code e}
     * those made before the last such shrink (bisection that decides nothing, as on a map pixel that equals
     * a selector's threshold over a whole interval, would otherwise go on to the width limit everywhere).
     */
    static final int STALL_EVALUATIONS = 4096;
    /** The shrink of {@code upper - lower} that counts as progress. */
    static final double STALL_DROP = 1e-3;
    /** Undecided segments beyond which the bounds are recomputed less often than after every evaluation. */
    private static final int BOUND_EVERY = 512;

    private final SegmentCertifier certifier;
    private final double[] a;
    private final double[] c;
    private final PValueBounds bounds;
    private final Termination rule;
    private final double widthLimit;
    private final long maxSegments;
    private final BooleanSupplier overTime;

    /** Undecided segments wider than the width limit, largest null mass first. */
    private final PriorityQueue<Segment> open = new PriorityQueue<>((x, y) -> Double.compare(y.mass, x.mass));
    /** Undecided segments at the width limit (never bisected). */
    private final List<Segment> atLimit = new ArrayList<>();
    private final IntervalSet.Builder in = IntervalSet.builder();
    private long inCount;
    private long outCount;
    private long evaluated;

    /**
     * @param certifier decides segments
     * @param a the line's input intercepts (CHW)
     * @param c its input slopes (CHW)
     * @param bounds the null law's running p-value bounds at T (nothing added yet)
     * @param termination the caller's rule ({@code exhaustive} means {@code precision:}{@value #DEFAULT_PRECISION})
     * @param widthLimit the width (units of z) below which undecided segments are not bisected, {@code > 0}
     * @param maxSegments the most segment evaluations, {@code >= 1}
     * @param overTime true once the search's time limit has passed
     */
    CertifiedSearch(SegmentCertifier certifier, double[] a, double[] c, PValueBounds bounds, Termination termination,
                    double widthLimit, long maxSegments, BooleanSupplier overTime) {
        this.certifier = certifier;
        this.a = a;
        this.c = c;
        this.bounds = bounds;
        this.rule = termination.reason() == StopReason.EXHAUSTIVE ? Termination.precision(DEFAULT_PRECISION)
                : termination;
        this.widthLimit = widthLimit;
        this.maxSegments = maxSegments;
        this.overTime = overTime;
    }

    /**
     * What the search proved.
     *
     * @param lower the lower bound on the selective p-value (outward rounded)
     * @param upper the upper bound (outward rounded), {@code >= lower}
     * @param in the union of the segments certified into the truncation set
     * @param undecided the union of the segments left undecided
     * @param inSegments segments certified in
     * @param outSegments segments certified out
     * @param undecidedSegments segments left undecided
     * @param evaluated segment evaluations (bounds over a segment)
     * @param ended why it stopped: the rule's text ({@code precision:0.01}, {@code decision:0.05}),
     *     {@code width_limit}, {@code stalled}, {@code segment_budget} or {@code time_limit}
     * @param timedOut whether the time limit stopped it
     */
    record Outcome(double lower, double upper, IntervalSet in, IntervalSet undecided, long inSegments,
                   long outSegments, long undecidedSegments, long evaluated, String ended, boolean timedOut) {
    }

    /**
     * @param from the search range's lower end, finite
     * @param to its upper end, finite and {@code > from}
     * @return the bounds and the segments
     */
    Outcome run(double from, double to) {
        classify(new Segment(from, to, bounds.splitMasses(from, to)));
        String ended = null;
        boolean timedOut = false;
        long nextBound = 0;
        double[] pb = {0, 1};
        double progressWidth = Double.POSITIVE_INFINITY;
        long progressAt = 0;
        while (true) {
            if (evaluated >= nextBound || open.isEmpty()) {
                pb = currentBounds();
                int undecided = open.size() + atLimit.size();
                nextBound = evaluated + Math.max(1, undecided / BOUND_EVERY);
                if (rule.satisfied(pb[0], pb[1])) {
                    ended = rule.toString();
                    break;
                }
                if (open.isEmpty()) {
                    ended = "width_limit";
                    break;
                }
                if (pb[1] - pb[0] <= progressWidth - STALL_DROP) {
                    progressWidth = pb[1] - pb[0];
                    progressAt = evaluated;
                } else if (evaluated - progressAt > Math.max(STALL_EVALUATIONS, progressAt)) {
                    ended = "stalled";
                    break;
                }
            }
            if (overTime.getAsBoolean()) {
                pb = currentBounds();
                ended = StopReason.TIME_LIMIT.label();
                timedOut = true;
                break;
            }
            if (evaluated + 2 > maxSegments) {
                pb = currentBounds();
                ended = "segment_budget";
                break;
            }
            Segment s = open.poll();
            double mid = s.from + 0.5 * (s.to - s.from);
            if (!(mid > s.from && mid < s.to)) {
                atLimit.add(s);
                continue;
            }
            classify(new Segment(s.from, mid, bounds.splitMasses(s.from, mid)));
            classify(new Segment(mid, s.to, bounds.splitMasses(mid, s.to)));
        }
        IntervalSet.Builder undecided = IntervalSet.builder();
        for (Segment s : open) {
            undecided.add(s.from, s.to);
        }
        for (Segment s : atLimit) {
            undecided.add(s.from, s.to);
        }
        return new Outcome(pb[0], pb[1], in.build(), undecided.build(), inCount, outCount,
                open.size() + atLimit.size(), evaluated, ended, timedOut);
    }

    /** Evaluates a segment and files it as in, out, or undecided (open or at the width limit). */
    private void classify(Segment s) {
        evaluated++;
        SegmentCertifier.Verdict v = certifier.classify(a, c, s.from, s.to);
        switch (v) {
            case IN -> {
                inCount++;
                in.add(s.from, s.to);
                bounds.add(s.from, s.to);
            }
            case OUT -> outCount++;
            default -> {
                if (s.to - s.from <= widthLimit) {
                    atLimit.add(s);
                } else {
                    open.add(s);
                }
            }
        }
    }

    /** @return {@code {lower, upper}} from the segments in and the undecided ones, widened outward */
    private double[] currentBounds() {
        double u0 = Double.NEGATIVE_INFINITY;
        double u1 = Double.NEGATIVE_INFINITY;
        double u2 = Double.NEGATIVE_INFINITY;
        for (Segment s : open) {
            u0 = IntervalMass.logAdd(u0, s.split[0]);
            u1 = IntervalMass.logAdd(u1, s.split[1]);
            u2 = IntervalMass.logAdd(u2, s.split[2]);
        }
        for (Segment s : atLimit) {
            u0 = IntervalMass.logAdd(u0, s.split[0]);
            u1 = IntervalMass.logAdd(u1, s.split[1]);
            u2 = IntervalMass.logAdd(u2, s.split[2]);
        }
        bounds.boundUndecided(u0, u1, u2);
        double lower = Math.max(0, bounds.lower() * (1 - ROUNDING));
        double upper = Math.min(1, bounds.upper() * (1 + ROUNDING));
        return new double[] {lower, Math.max(lower, upper)};
    }

    /** A segment of the line with its null log masses split by the alternative's thresholds. */
    private static final class Segment {
        final double from;
        final double to;
        final double[] split;
        final double mass;

        Segment(double from, double to, double[] split) {
            this.from = from;
            this.to = to;
            this.split = split;
            this.mass = IntervalMass.logAdd(split[0], IntervalMass.logAdd(split[1], split[2]));
        }
    }
}
