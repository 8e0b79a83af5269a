package org.salientsi.core.search;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.SearchStalledException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.core.eval.IncrementalLineEvaluator;
import org.salientsi.core.eval.LineEvaluator;
import org.salientsi.core.eval.SegmentEvaluator;

/**
 * What walking any {@link SearchSegment segment} of one search needs besides the network, the saliency
 * method and the selector (the {@link Selection}): the test line \( Y(z) = a + c z \) on the network's
 * input, T and sigma_T, the observed saliency map and region, and the search's options that shape a walk.
 * It is fixed once the observed selection and the test line are (steps 1 and 2 of the search) and
 * travels as a serialised value, so that segments may be walked on other threads or machines:
 * {@link #walk} starts a walker with a full network pass at the segment's near end (the piece holding
 * it), clips what it finds to the segment and stops at its far end. Immutable; the arrays are not copied
 * out and must not be changed.
 *
 * @param t the observed statistic T
 * @param sigmaT its standard deviation, {@code > 0}
 * @param a the line's input intercepts (CHW)
 * @param c the line's input slopes (CHW), as many as {@code a}
 * @param observed the observed saliency map and region
 * @param incremental whether walkers evaluate the network incrementally (else by a full pass per piece)
 * @param certify whether walkers may certify sub-segments out of and into the truncation set (when the
 *     method, the selector and the network allow it)
 * @param maxPieces the most pieces one walk may visit before the search is declared stalled, {@code >= 1}
 */
public record SegmentPlan(double t, double sigmaT, double[] a, double[] c, Observed observed, boolean incremental,
                          boolean certify, long maxPieces) implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Length of a walker's first try to certify a segment, in units of sigma_T. */
    private static final double FIRST_SKIP = 0.5;
    /** How the message of a walk that ran out of pieces starts. */
    static final String STALLED = "search stalled: more than ";

    /** Validates the values. */
    public SegmentPlan {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(c, "c");
        Objects.requireNonNull(observed, "observed");
        if (!Double.isFinite(t) || !(sigmaT > 0) || Double.isInfinite(sigmaT)) {
            throw InvalidValueException.of("a segment plan needs a finite T and sigma_T > 0, got %s and %s", t,
                    sigmaT);
        }
        if (a.length != c.length || a.length % observed.region().length != 0 || a.length == 0) {
            throw InvalidValueException.of("a segment plan's line of %d intercepts and %d slopes does not fit a "
                    + "%dx%d map", a.length, c.length, observed.height(), observed.width());
        }
        if (maxPieces < 1) {
            throw InvalidValueException.of("max pieces must be >= 1, got %d", maxPieces);
        }
    }

    /**
     * @param line the test line
     * @param map the observed saliency map
     * @param region the observed region (row-major mask of the map's pixels)
     * @param incremental whether walks are incremental
     * @param certify whether walks may certify segments
     * @param maxPieces the piece budget of one walk
     * @return the plan
     */
    static SegmentPlan of(TestLine line, SaliencyMap map, boolean[] region, boolean incremental, boolean certify,
                          long maxPieces) {
        Observed observed = new Observed(map.height(), map.width(), map.values(), map.target(),
                map.targetFromArgmax(), region);
        return new SegmentPlan(line.t(), line.sigmaT(), line.a(), line.c(), observed, incremental, certify,
                maxPieces);
    }

    /**
     * @param value the most pieces one walk may visit, {@code >= 1}
     * @return a copy with that budget
     */
    public SegmentPlan withMaxPieces(long value) {
        return new SegmentPlan(t, sigmaT, a, c, observed, incremental, certify, value);
    }

    /**
     * Walks one segment with this plan's piece budget.
     *
     * @param selection the search's network, method and selector (the statistic plays no part)
     * @param segment the segment
     * @return what the walk found in the segment; the piece at T if the segment starts at T
     * @throws ShapeMismatchException if the network's input or the method's map does not fit this plan
     * @throws NumericalBreakdownException if the walk loses precision or visits more than
     *     {@link #maxPieces} pieces
     */
    public SegmentResult walk(Selection selection, SearchSegment segment) {
        return walk(selection, segment, maxPieces, () -> false);
    }

    /**
     * Walks one segment.
     *
     * @param selection the search's selection
     * @param segment the segment
     * @param budget the most pieces the walk may visit
     * @param stop asked before every step: true stops the walk (its result is then partial)
     * @return what the walk found
     */
    SegmentResult walk(Selection selection, SearchSegment segment, long budget, BooleanSupplier stop) {
        Objects.requireNonNull(segment, "segment");
        Walker w = walker(selection, segment.left());
        w.position = segment.left() ? -segment.from() : segment.from();
        w.setEnd(segment.left() ? -segment.to() : segment.to());
        w.startsAtT = segment.from() == t;
        while (!w.done() && !stop.getAsBoolean()) {
            if (!w.maybeSkip()) {
                w.step();
            }
            w.keepLast();
            if (w.pieces > budget) {
                throw new SearchStalledException(STALLED + budget + " linear pieces in the segment ["
                        + Math.min(segment.from(), segment.to()) + ", " + Math.max(segment.from(), segment.to())
                        + "] (frontier at " + w.frontier() + ")");
            }
        }
        w.flushRun();
        return w.result();
    }

    /**
     * A walker on this plan's line, at no position yet.
     *
     * @param selection the search's selection
     * @param reflected whether it walks leftward (on the line with its slope negated)
     * @return the walker, certifying segments when {@link #certify} and the plugins and the network allow
     */
    Walker walker(Selection selection, boolean reflected) {
        TensorShape input = selection.network().network().inputShape();
        if (input.size() != a.length || input.height() != observed.height() || input.width() != observed.width()) {
            throw new ShapeMismatchException("a segment plan for " + a.length + " input values and a "
                    + observed.height() + "x" + observed.width() + " map does not fit a network that takes "
                    + input.height() + "x" + input.width() + "x" + input.channels() + " images");
        }
        double[] slope = reflected ? negated(c) : c;
        int[] required = selection.method().requiredNodes();
        SaliencyMap map = observed.map();
        Walker w;
        if (incremental) {
            IncrementalLineEvaluator line = selection.network().incrementalLineEvaluator(required);
            line.setLine(a, slope);
            w = new Walker(line, reflected, selection.method(), selection.selector(), map, observed.region());
        } else {
            LineEvaluator line = selection.network().lineEvaluator(required);
            line.setLine(a, slope);
            w = new Walker(line, reflected, selection.method(), selection.selector(), map, observed.region());
        }
        if (certify && selection.method().can(Capabilities.BOUNDS_MAPS)
                && selection.selector().can(Capabilities.EXCLUDES_REGIONS)
                && selection.network().segmentBoundsSupported(required)) {
            w.enableSkipping(segmentEvaluator(selection, required), a, slope, FIRST_SKIP * sigmaT,
                    selection.selector().can(Capabilities.INCLUDES_REGIONS));
        }
        return w;
    }

    /**
     * @return a walker's own segment evaluator, made on its first try (walkers may run on several threads,
     *     and a walk that ends soon never makes one)
     */
    static Supplier<SegmentEvaluator> segmentEvaluator(Selection selection, int[] required) {
        SegmentEvaluator[] made = new SegmentEvaluator[1];
        return () -> {
            if (made[0] == null) {
                made[0] = selection.network().segmentEvaluator(required);
            }
            return made[0];
        };
    }

    private static double[] negated(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = -x[i];
        }
        return out;
    }

    /**
     * The observed saliency map and region, as they travel.
     *
     * @param height the map's rows
     * @param width its columns
     * @param values its row-major values
     * @param target the output unit it explains
     * @param targetFromArgmax whether that unit is the arg-max of the outputs
     * @param region the observed region: one flag per pixel, row-major
     */
    public record Observed(int height, int width, double[] values, int target, boolean targetFromArgmax,
                           boolean[] region) implements Serializable {

        private static final long serialVersionUID = 1L;

        /** Validates the sizes. */
        public Observed {
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(region, "region");
            if (height < 1 || width < 1 || values.length != (long) height * width || region.length != values.length) {
                throw InvalidValueException.of("an observed %dx%d map needs %d values and region flags, got %d and "
                        + "%d", height, width, (long) height * width, values.length, region.length);
            }
        }

        /** @return the map */
        public SaliencyMap map() {
            return new SaliencyMap(height, width, values, target, targetFromArgmax);
        }
    }
}
