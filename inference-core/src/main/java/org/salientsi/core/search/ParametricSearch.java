package org.salientsi.core.search;

import org.apache.commons.numbers.gamma.Erfc;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.statistic.Contrast;
import org.salientsi.api.statistic.LinearConstraints;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.IncrementalLineEvaluator;
import org.salientsi.core.eval.LineEvaluator;
import org.salientsi.core.eval.SegmentEvaluator;
import org.salientsi.core.stats.IntervalMass;
import org.salientsi.core.stats.NaiveTest;
import org.salientsi.core.stats.TruncatedNormal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the selective test (DESIGN.md section 2): the observed selection, the test line
 * \( Y(z) = a + c z \) with \( c = \Sigma\eta/\sigma_T^2 \), \( a = Y - cT \), and the walk over it that
 * collects the truncation set \( Z = \{ z : O(Y(z)) = O_{obs} \} \) piece by piece, outward from
 * \( T \), with bounds on the selective p-value from the part not yet explored.
 */
final class ParametricSearch implements SelectiveInterval.Explorer {

    private static final Logger LOG = LoggerFactory.getLogger(ParametricSearch.class);
    private static final double SQRT1_2 = Math.sqrt(0.5);
    /** Length of a walker's first skip, in units of sigma_T. */
    private static final double FIRST_SKIP = 0.5;
    /** Log of the share of the found mass a matching piece must add for its walker to go on first. */
    private static final double LOG_RUN_GATE = Math.log(0.01);

    private final SelectiveTest config;
    private final Selection selection;
    private final Observation observation;
    private final IntervalSet.Builder found = IntervalSet.builder();
    private Walker right;
    private Walker left;
    private BoundsTracker bounds;
    private double reachLo;
    private double reachHi;
    private PieceListener listener;
    /** Log mass (scaled as in {@link BoundsTracker}) of each walker's last piece if it matched, else -inf. */
    private double rightLastMass = Double.NEGATIVE_INFINITY;
    private double leftLastMass = Double.NEGATIVE_INFINITY;

    ParametricSearch(SelectiveTest config, Selection selection, Observation observation) {
        this.config = config;
        this.selection = selection;
        this.observation = observation;
    }

    /**
     * Sees every piece the search visits, in order (for tests that study the search order).
     *
     * @param value the listener, or null for none
     */
    void listen(PieceListener value) {
        this.listener = value;
    }

    SelectiveResult run(Provenance provenance) {
        long started = System.nanoTime();
        ImageShape shape = observation.image().shape();
        TensorShape input = selection.network().network().inputShape();
        if (input.channels() != shape.channels() || input.height() != shape.height()
                || input.width() != shape.width()) {
            throw new ShapeMismatchException(label() + " is " + shape + " but the network takes "
                    + input.height() + "x" + input.width() + "x" + input.channels() + " images");
        }
        if (selection.statistic().needsReference() && !observation.hasReference()) {
            throw new InvalidInputException("statistic '" + selection.statistic().name()
                    + "' needs a reference image (--reference or --references)");
        }
        int n = shape.size();
        config.noise().checkSize(n);

        // 1. the observed selection
        PointEvaluation at = selection.network().pointEvaluator().evaluate(observation.image().toChw());
        SaliencyMap map = selection.method().map(at);
        if (map.height() != shape.height() || map.width() != shape.width()) {
            throw new ShapeMismatchException("saliency method '" + selection.method().name() + "' gave a "
                    + map.height() + "x" + map.width() + " map for a " + shape + " image");
        }
        Region region = selection.selector().select(map);
        if (region.isEmpty()) {
            throw new EmptyRegionException("selector " + selection.selector().name() + " selected no pixel of "
                    + label() + "; there is no region to test");
        }

        // 2. the contrast and the test line
        Contrast contrast = selection.statistic().contrast(region, observation);
        double[] eta = contrast.eta();
        double[] y = observation.stacked();
        if (eta.length != y.length) {
            throw new ShapeMismatchException("statistic '" + selection.statistic().name() + "' gave a direction of "
                    + eta.length + " values for data of " + y.length);
        }
        double t = dot(eta, y);
        double[] sigmaEta = config.noise().apply(eta, n, observation.referenceCount());
        double varT = dot(eta, sigmaEta);
        double sigmaT = Math.sqrt(varT);
        if (!(sigmaT > 0) || !Double.isFinite(sigmaT) || !Double.isFinite(t)) {
            throw new NumericalBreakdownException("statistic T = " + t + " with sigma_T = " + sigmaT
                    + " is not usable");
        }
        double[] c = new double[y.length];
        double[] a = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            c[i] = sigmaEta[i] / varT;
            a[i] = y[i] - c[i] * t;
        }
        Interval constraint = constraintInterval(contrast.constraints(), a, c, t);

        double zMin = -Math.abs(t) - config.range() * sigmaT;
        double zMax = Math.abs(t) + config.range() * sigmaT;
        double walkMin = Math.max(zMin, constraint.lo());
        double walkMax = Math.min(zMax, constraint.hi());

        // 3. the walkers: input part of the line, channels last -> CHW
        double[] aChw = toChw(a, shape);
        double[] cChw = toChw(c, shape);
        double[] cNeg = new double[cChw.length];
        for (int i = 0; i < cNeg.length; i++) {
            cNeg[i] = -cChw[i];
        }
        int[] required = selection.method().requiredNodes();
        boolean[] mask = region.toMask();
        if (config.incremental()) {
            IncrementalLineEvaluator rightLine = selection.network().incrementalLineEvaluator(required);
            rightLine.setLine(aChw, cChw);
            IncrementalLineEvaluator leftLine = selection.network().incrementalLineEvaluator(required);
            leftLine.setLine(aChw, cNeg);
            right = new Walker(rightLine, false, selection.method(), selection.selector(), map, mask);
            left = new Walker(leftLine, true, selection.method(), selection.selector(), map, mask);
        } else {
            LineEvaluator rightLine = selection.network().lineEvaluator(required);
            rightLine.setLine(aChw, cChw);
            LineEvaluator leftLine = selection.network().lineEvaluator(required);
            leftLine.setLine(aChw, cNeg);
            right = new Walker(rightLine, false, selection.method(), selection.selector(), map, mask);
            left = new Walker(leftLine, true, selection.method(), selection.selector(), map, mask);
        }
        right.position = t;
        right.setEnd(walkMax);
        left.position = -t;
        left.setEnd(-walkMin);

        Alternative alt = config.alternative();
        Termination termination = config.termination();
        bounds = termination.reason() == StopReason.EXHAUSTIVE ? null : new BoundsTracker(alt, t, sigmaT);
        StopReason stop = StopReason.EXHAUSTIVE;
        double[] pBounds = null;
        SegmentSkipping skipping = config.skipping();
        if (skipping == SegmentSkipping.ALWAYS
                || skipping == SegmentSkipping.EARLY_STOPS && termination.reason() != StopReason.EXHAUSTIVE) {
            enableSkipping(required, aChw, cChw, cNeg, sigmaT);
        }
        while (!right.done() || !left.done()) {
            Walker next = choose(termination, walkMin, walkMax);
            if (!next.maybeSkip()) {
                step(next);
            } else if (listener != null) {
                listener.skipped(next == left, next.original(next.skipFrom), next.frontier());
            }
            checkBudget(right, left);
            if (termination.reason() != StopReason.EXHAUSTIVE && !(right.done() && left.done())) {
                bounds.bound(walkMin, left.frontier(), right.frontier(), walkMax);
                if (termination.satisfied(bounds.lower(), bounds.upper())) {
                    stop = termination.reason();
                    pBounds = new double[] {bounds.lower(), bounds.upper()};
                    break;
                }
            }
        }
        if (!right.firstMatched && !left.firstMatched) {
            throw new NumericalBreakdownException("the observed selection is not reproduced on the test line at "
                    + "z = T = " + t + " (a saliency value lies within rounding error of a selector threshold)");
        }
        IntervalSet z = buildFound();
        if (!z.contains(t)) {
            throw new NumericalBreakdownException("truncation set " + z + " does not contain T = " + t);
        }

        // 4. p-values
        TruncatedNormal nullDistribution = TruncatedNormal.of(0, sigmaT, z);
        double selectiveP = nullDistribution.pValue(t, alt);
        if (pBounds == null) {
            pBounds = new double[] {selectiveP, selectiveP};
        } else {
            selectiveP = Math.min(Math.max(selectiveP, pBounds[0]), pBounds[1]);
        }
        double ocLo = left.firstMatched ? left.original(left.firstUpper) : t;
        double ocHi = right.firstMatched ? right.original(right.firstUpper) : t;
        ocLo = Math.max(ocLo, constraint.lo());
        ocHi = Math.min(ocHi, constraint.hi());
        Interval oc = Interval.of(ocLo, ocHi);
        double ocP = TruncatedNormal.of(0, sigmaT, IntervalSet.of(ocLo, ocHi)).pValue(t, alt);
        double naiveP = NaiveTest.pValue(t, sigmaT, alt);
        double massOutside = 0.5 * Erfc.value(-zMin / sigmaT * SQRT1_2) + 0.5 * Erfc.value(zMax / sigmaT * SQRT1_2);

        // 5. the selective confidence interval (exhaustive searches only)
        Double[] ci = {null, null};
        if (config.confidenceLevel() > 0 && stop == StopReason.EXHAUSTIVE) {
            reachLo = constraint.lo();
            reachHi = constraint.hi();
            ci = new SelectiveInterval(config.confidenceLevel(), t, sigmaT, constraint.lo(), constraint.hi())
                    .solve(this);
        }
        long pieces = right.pieces + left.pieces;
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.debug("{}: T = {}, sigma_T = {}, {} pieces, p = {}, {} s", label(), t, sigmaT, pieces, selectiveP,
                seconds);
        if (LOG.isDebugEnabled() && right.incremental() != null) {
            IncrementalLineEvaluator r = right.incremental();
            IncrementalLineEvaluator l = left.incremental();
            LOG.debug("{}: {} network breakpoints, {} full passes ({} forced by the root check, {} by size), "
                    + "{} units updated", label(), r.breakpoints() + l.breakpoints(), r.fullPasses() + l.fullPasses(),
                    r.residualFailures() + l.residualFailures(), r.overBudget() + l.overBudget(),
                    r.touchedUnits() + l.touchedUnits());
        }
        Provenance prov = provenance
                .withPlugins(selection.method().name(), selection.selector().name(), selection.statistic().name())
                .withOption("alternative", alt.label())
                .withOption("termination", termination.toString())
                .withOption("range", Double.toString(config.range()));
        if (config.noise().isIsotropic() && prov.sigma() == null) {
            prov = prov.withSigma(config.noise().sigma());
        }
        if (right.skipTries + left.skipTries > 0) {
            LOG.debug("{}: {} of {} segments ruled out of the truncation set without walking them", label(),
                    right.skips + left.skips, right.skipTries + left.skipTries);
        }
        if (right.skips + left.skips > 0) {
            prov = prov.withOption("segments_skipped", Long.toString(right.skips + left.skips));
        }
        if (observation.referenceCount() > 1) {
            prov = prov.withOption("references", Integer.toString(observation.referenceCount()));
        }
        return new SelectiveResult(observation.image().name(), selectiveP, ocP, naiveP, alt, t, sigmaT,
                region.size(), map.target(), region, z.intersect(Interval.of(zMin, zMax)), oc,
                Interval.of(zMin, zMax), massOutside, pieces, pBounds, stop, ci, config.confidenceLevel(), null,
                seconds, prov);
    }

    /**
     * Steps a walker and records a matching piece: in the bounds at once, and in the truncation set as
     * part of the walker's current run of adjacent matching pieces, which is added whole when it ends (so
     * that the set's builder grows per interval, not per piece).
     */
    private void step(Walker w) {
        w.step();
        if (listener != null) {
            listener.piece(w == left, w.original(w.lastFrom), w.original(w.lastTo), w.lastMatched);
        }
        setLastMass(w, Double.NEGATIVE_INFINITY);
        if (!w.lastMatched) {
            flushRun(w);
            return;
        }
        double from = w.original(w.lastFrom);
        double to = w.original(w.lastTo);
        double lo = Math.min(from, to);
        double hi = Math.max(from, to);
        if (!(lo < hi)) {
            return;
        }
        if (bounds != null) {
            bounds.add(lo, hi);
            setLastMass(w, bounds.lastMass());
        }
        if (w.runOpen && w.runTo == w.lastFrom) {
            w.runTo = w.lastTo;
        } else {
            flushRun(w);
            w.runOpen = true;
            w.runFrom = w.lastFrom;
            w.runTo = w.lastTo;
        }
    }

    private void setLastMass(Walker w, double logMass) {
        if (w == right) {
            rightLastMass = logMass;
        } else {
            leftLastMass = logMass;
        }
    }

    /**
     * Lets both walkers rule segments out of the truncation set, through one segment evaluator made on
     * the first try, when the saliency method bounds its maps, the selector can exclude regions, and the
     * network can be bounded.
     */
    private void enableSkipping(int[] required, double[] aChw, double[] cChw, double[] cNeg, double sigmaT) {
        SegmentEvaluator[] shared = new SegmentEvaluator[1];
        java.util.function.Supplier<SegmentEvaluator> bounds = () -> {
            if (shared[0] == null) {
                shared[0] = selection.network().segmentEvaluator(required);
            }
            return shared[0];
        };
        if (!selection.method().boundsMaps() || !selection.selector().canExclude()
                || !selection.network().segmentBoundsSupported(required)) {
            return;
        }
        right.enableSkipping(bounds, aChw, cChw, FIRST_SKIP * sigmaT);
        left.enableSkipping(bounds, aChw, cNeg, FIRST_SKIP * sigmaT);
    }

    /** Adds a walker's current run of matching pieces to the truncation set. */
    private void flushRun(Walker w) {
        if (w.runOpen) {
            double a = w.original(w.runFrom);
            double b = w.original(w.runTo);
            found.add(Math.min(a, b), Math.max(a, b));
            w.runOpen = false;
        }
    }

    private IntervalSet buildFound() {
        flushRun(right);
        flushRun(left);
        return found.build();
    }

    @Override
    public IntervalSet found() {
        return buildFound();
    }

    @Override
    public double leftFrontier() {
        return left.frontier();
    }

    @Override
    public double rightFrontier() {
        return right.frontier();
    }

    @Override
    public boolean extend(double lo, double hi) {
        double newLo = Math.max(lo, reachLo);
        double newHi = Math.min(hi, reachHi);
        boolean grew = false;
        if (newHi > right.end) {
            right.setEnd(newHi);
            grew = true;
        }
        if (-newLo > left.end) {
            left.setEnd(-newLo);
            grew = true;
        }
        while (!right.done() || !left.done()) {
            if (right.pieces + left.pieces >= config.maxPieces()) {
                LOG.debug("confidence interval: piece budget reached while widening the search");
                return false;
            }
            step(right.done() ? left : right);
        }
        return grew;
    }

    private void checkBudget(Walker right, Walker left) {
        if (right.pieces + left.pieces > config.maxPieces()) {
            throw new NumericalBreakdownException("search stalled: more than " + config.maxPieces()
                    + " linear pieces (frontiers at " + left.frontier() + " and " + right.frontier() + ")");
        }
    }

    /**
     * The walker to step next. For early stops: first each walker's first piece (the two halves of the
     * piece that holds T), then three rules in turn:
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
     * 12.3/23.1/29.5/37.9% (PaperModelsSearchOrderTest as a study). Exhaustive searches use rule 3 only
     * (there the order does not matter). Skipped segments ({@link Walker#maybeSkip}) come on top.
     */
    private Walker choose(Termination termination, double walkMin, double walkMax) {
        if (right.done()) {
            return left;
        }
        if (left.done()) {
            return right;
        }
        if (bounds != null) {
            if (right.pieces == 0 || left.pieces == 0) {
                return right.pieces == 0 ? right : left;
            }
            double gate = bounds.foundMass() + LOG_RUN_GATE;
            if (rightLastMass > Double.NEGATIVE_INFINITY && rightLastMass >= gate) {
                return right;
            }
            if (leftLastMass > Double.NEGATIVE_INFINITY && leftLastMass >= gate) {
                return left;
            }
            bounds.bound(walkMin, walkMin, right.frontier(), walkMax);
            boolean leftDecides = termination.satisfied(bounds.lower(), bounds.upper());
            bounds.bound(walkMin, left.frontier(), walkMax, walkMax);
            boolean rightDecides = termination.satisfied(bounds.lower(), bounds.upper());
            if (leftDecides != rightDecides) {
                return leftDecides ? left : right;
            }
        }
        return Math.abs(right.frontier()) <= Math.abs(left.frontier()) ? right : left;
    }

    /**
     * The interval of z on which every extra constraint {@code g^T Y(z) > 0} holds, decided just
     * around T (they hold at the observed data).
     */
    private Interval constraintInterval(LinearConstraints constraints, double[] a, double[] c, double t) {
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        for (int k = 0; k < constraints.count(); k++) {
            double p = constraints.dot(k, a);
            double q = constraints.dot(k, c);
            double value = p + q * t;
            if (q == 0) {
                continue;
            }
            double root = -p / q;
            if (q > 0) {
                lo = Math.max(lo, root);
            } else {
                hi = Math.min(hi, root);
            }
            if (!(value >= 0)) {
                LOG.debug("constraint {} is {} at T (rounding)", k, value);
            }
        }
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
        if (!(lo < hi)) {
            throw new NumericalBreakdownException("the statistic's constraints leave no interval around T = " + t);
        }
        return Interval.of(lo, hi);
    }

    private static double[] toChw(double[] hwc, ImageShape shape) {
        int hw = shape.pixels();
        int ch = shape.channels();
        double[] out = new double[shape.size()];
        for (int p = 0; p < hw; p++) {
            for (int k = 0; k < ch; k++) {
                out[k * hw + p] = hwc[p * ch + k];
            }
        }
        return out;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private String label() {
        String name = observation.image().name();
        return name == null ? "the image" : "image " + name;
    }

    /** Receives each piece a search visits: its side, its ends in z (from T outward) and whether it matched. */
    interface PieceListener {
        /**
         * @param leftSide whether the piece is on the walk below T
         * @param from the end nearer to T
         * @param to the end farther from T
         * @param matched whether the piece lies in the truncation set
         */
        void piece(boolean leftSide, double from, double to, boolean matched);

        /**
         * A segment ruled out of the truncation set without walking it.
         *
         * @param leftSide whether it is on the walk below T
         * @param from the end nearer to T
         * @param to the end farther from T
         */
        default void skipped(boolean leftSide, double from, double to) {
        }
    }

    /**
     * Running log masses (reference T) of the truncation set found so far, split by the thresholds of
     * the alternative, and the bounds they give on the selective p-value (Shiraishi et al.). Nothing is
     * allocated per call: the split of an interval and the last bounds are kept in fields.
     */
    static final class BoundsTracker {
        private final Alternative alternative;
        private final double lo;
        private final double hi;
        private final double sigma;
        private final double ref;
        private double below = Double.NEGATIVE_INFINITY;
        private double between = Double.NEGATIVE_INFINITY;
        private double above = Double.NEGATIVE_INFINITY;
        /** The last {@link #split}: log masses below {@code lo}, between, above {@code hi}. */
        private double splitBelow;
        private double splitBetween;
        private double splitAbove;
        private double lower;
        private double upper;
        private double lastMass = Double.NEGATIVE_INFINITY;

        BoundsTracker(Alternative alternative, double t, double sigma) {
            this.alternative = alternative;
            this.lo = alternative == Alternative.ABS ? -Math.abs(t) : t;
            this.hi = alternative == Alternative.ABS ? Math.abs(t) : t;
            this.sigma = sigma;
            this.ref = hi;
        }

        void add(double a, double b) {
            split(a, b);
            below = IntervalMass.logAdd(below, splitBelow);
            between = IntervalMass.logAdd(between, splitBetween);
            above = IntervalMass.logAdd(above, splitAbove);
            lastMass = IntervalMass.logAdd(splitBelow, IntervalMass.logAdd(splitBetween, splitAbove));
        }

        /** @return the log mass of the interval last {@link #add added} */
        double lastMass() {
            return lastMass;
        }

        /** @return the log mass of everything added */
        double foundMass() {
            return IntervalMass.logAdd(below, IntervalMass.logAdd(between, above));
        }

        private void split(double a, double b) {
            splitBelow = Double.NEGATIVE_INFINITY;
            splitBetween = Double.NEGATIVE_INFINITY;
            splitAbove = Double.NEGATIVE_INFINITY;
            if (a < lo) {
                splitBelow = mass(a, Math.min(b, lo));
            }
            if (Math.max(a, lo) < Math.min(b, hi)) {
                splitBetween = mass(Math.max(a, lo), Math.min(b, hi));
            }
            if (b > hi) {
                splitAbove = mass(Math.max(a, hi), b);
            }
        }

        private double mass(double a, double b) {
            return IntervalMass.scaledLogMass(a, b, 0, sigma, ref);
        }

        /**
         * Bounds the selective p-value given that the truncation set is known except on
         * {@code [walkMin, leftFrontier]} and {@code [rightFrontier, walkMax]}; read them with
         * {@link #lower()} and {@link #upper()}.
         */
        void bound(double walkMin, double leftFrontier, double rightFrontier, double walkMax) {
            double u0 = Double.NEGATIVE_INFINITY;
            double u1 = Double.NEGATIVE_INFINITY;
            double u2 = Double.NEGATIVE_INFINITY;
            if (walkMin < leftFrontier) {
                split(walkMin, leftFrontier);
                u0 = IntervalMass.logAdd(u0, splitBelow);
                u1 = IntervalMass.logAdd(u1, splitBetween);
                u2 = IntervalMass.logAdd(u2, splitAbove);
            }
            if (rightFrontier < walkMax) {
                split(rightFrontier, walkMax);
                u0 = IntervalMass.logAdd(u0, splitBelow);
                u1 = IntervalMass.logAdd(u1, splitBetween);
                u2 = IntervalMass.logAdd(u2, splitAbove);
            }
            switch (alternative) {
                case LESS -> {
                    double d = IntervalMass.logAdd(between, above);
                    lower = ratioLower(below, d, IntervalMass.logAdd(u1, u2));
                    upper = ratioUpper(below, d, u0);
                }
                case GREATER -> {
                    double d = IntervalMass.logAdd(between, below);
                    lower = ratioLower(above, d, IntervalMass.logAdd(u1, u0));
                    upper = ratioUpper(above, d, u2);
                }
                case ABS -> {
                    double n = IntervalMass.logAdd(below, above);
                    lower = ratioLower(n, between, u1);
                    upper = ratioUpper(n, between, IntervalMass.logAdd(u0, u2));
                }
                default -> {
                    double fLower = ratioLower(below, above, u2);
                    double fUpper = ratioUpper(below, above, u0);
                    double sLower = ratioLower(above, below, u0);
                    double sUpper = ratioUpper(above, below, u2);
                    lower = Math.min(1, 2 * Math.min(fLower, sLower));
                    upper = Math.min(1, 2 * Math.min(Math.min(fUpper, sUpper), 0.5));
                }
            }
        }

        /** @return the lower bound of the last {@link #bound} */
        double lower() {
            return lower;
        }

        /** @return the upper bound of the last {@link #bound} */
        double upper() {
            return upper;
        }

        /**
         * Lower bound on {@code N / (N + D)} when the unexplored part may add up to {@code uD} to D (log
         * masses).
         */
        static double ratioLower(double n, double d, double uD) {
            return n == Double.NEGATIVE_INFINITY ? 0
                    : Math.exp(n - IntervalMass.logAdd(n, IntervalMass.logAdd(d, uD)));
        }

        /**
         * Upper bound on {@code N / (N + D)} when the unexplored part may add up to {@code uN} to N (log
         * masses).
         */
        static double ratioUpper(double n, double d, double uN) {
            double nMax = IntervalMass.logAdd(n, uN);
            return nMax == Double.NEGATIVE_INFINITY ? 0 : Math.exp(nMax - IntervalMass.logAdd(nMax, d));
        }
    }
}
