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
import org.salientsi.core.eval.LineEvaluator;
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

    private final SelectiveTest config;
    private final Selection selection;
    private final Observation observation;
    private final IntervalSet.Builder found = IntervalSet.builder();
    private Walker right;
    private Walker left;
    private BoundsTracker bounds;
    private double reachLo;
    private double reachHi;

    ParametricSearch(SelectiveTest config, Selection selection, Observation observation) {
        this.config = config;
        this.selection = selection;
        this.observation = observation;
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
        LineEvaluator rightLine = selection.network().lineEvaluator(required);
        rightLine.setLine(aChw, cChw);
        LineEvaluator leftLine = selection.network().lineEvaluator(required);
        leftLine.setLine(aChw, cNeg);
        boolean[] mask = region.toMask();
        right = new Walker(rightLine, false, selection.method(), selection.selector(), map, mask);
        left = new Walker(leftLine, true, selection.method(), selection.selector(), map, mask);
        right.position = t;
        right.end = walkMax;
        left.position = -t;
        left.end = -walkMin;

        Alternative alt = config.alternative();
        Termination termination = config.termination();
        bounds = termination.reason() == StopReason.EXHAUSTIVE ? null : new BoundsTracker(alt, t, sigmaT);
        StopReason stop = StopReason.EXHAUSTIVE;
        double[] pBounds = null;
        while (!right.done() || !left.done()) {
            step(choose(right, left, t));
            checkBudget(right, left);
            if (termination.reason() != StopReason.EXHAUSTIVE && !(right.done() && left.done())) {
                double[] b = bounds.pValueBounds(walkMin, left.frontier(), right.frontier(), walkMax);
                if (termination.satisfied(b[0], b[1])) {
                    stop = termination.reason();
                    pBounds = b;
                    break;
                }
            }
        }
        if (!right.firstMatched && !left.firstMatched) {
            throw new NumericalBreakdownException("the observed selection is not reproduced on the test line at z = T = "
                    + t + " (a saliency value lies within rounding error of a selector threshold)");
        }
        IntervalSet z = found.build();
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
        Provenance prov = provenance
                .withPlugins(selection.method().name(), selection.selector().name(), selection.statistic().name())
                .withOption("alternative", alt.label())
                .withOption("termination", termination.toString())
                .withOption("range", Double.toString(config.range()));
        if (config.noise().isIsotropic() && prov.sigma() == null) {
            prov = prov.withSigma(config.noise().sigma());
        }
        if (observation.referenceCount() > 1) {
            prov = prov.withOption("references", Integer.toString(observation.referenceCount()));
        }
        return new SelectiveResult(observation.image().name(), selectiveP, ocP, naiveP, alt, t, sigmaT,
                region.size(), map.target(), region, z.intersect(Interval.of(zMin, zMax)), oc,
                Interval.of(zMin, zMax), massOutside, pieces, pBounds, stop, ci, config.confidenceLevel(), null,
                seconds, prov);
    }

    private void step(Walker w) {
        w.step();
        if (w.lastMatched) {
            double from = w.original(w.lastFrom);
            double to = w.original(w.lastTo);
            double lo = Math.min(from, to);
            double hi = Math.max(from, to);
            if (lo < hi) {
                found.add(lo, hi);
                if (bounds != null) {
                    bounds.add(lo, hi);
                }
            }
        }
    }

    @Override
    public IntervalSet found() {
        return found.build();
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
            right.end = newHi;
            grew = true;
        }
        if (-newLo > left.end) {
            left.end = -newLo;
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

    /** The walker whose frontier is nearer to T (outward exploration), among those not done. */
    private static Walker choose(Walker right, Walker left, double t) {
        if (right.done()) {
            return left;
        }
        if (left.done()) {
            return right;
        }
        return right.frontier() - t <= t - left.frontier() ? right : left;
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

    /**
     * Running log masses (reference T) of the truncation set found so far, split by the thresholds of
     * the alternative, and the bounds they give on the selective p-value (Shiraishi et al.).
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

        BoundsTracker(Alternative alternative, double t, double sigma) {
            this.alternative = alternative;
            this.lo = alternative == Alternative.ABS ? -Math.abs(t) : t;
            this.hi = alternative == Alternative.ABS ? Math.abs(t) : t;
            this.sigma = sigma;
            this.ref = hi;
        }

        void add(double a, double b) {
            double[] m = split(a, b);
            below = IntervalMass.logAdd(below, m[0]);
            between = IntervalMass.logAdd(between, m[1]);
            above = IntervalMass.logAdd(above, m[2]);
        }

        private double[] split(double a, double b) {
            double[] m = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            if (a < lo) {
                m[0] = mass(a, Math.min(b, lo));
            }
            if (Math.max(a, lo) < Math.min(b, hi)) {
                m[1] = mass(Math.max(a, lo), Math.min(b, hi));
            }
            if (b > hi) {
                m[2] = mass(Math.max(a, hi), b);
            }
            return m;
        }

        private double mass(double a, double b) {
            return IntervalMass.scaledLogMass(a, b, 0, sigma, ref);
        }

        /**
         * @return lower and upper bounds on the selective p-value given that the truncation set is
         *     known except on {@code [walkMin, leftFrontier]} and {@code [rightFrontier, walkMax]}
         */
        double[] pValueBounds(double walkMin, double leftFrontier, double rightFrontier, double walkMax) {
            double[] u = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            if (walkMin < leftFrontier) {
                add(u, split(walkMin, leftFrontier));
            }
            if (rightFrontier < walkMax) {
                add(u, split(rightFrontier, walkMax));
            }
            return switch (alternative) {
                case LESS -> ratioBounds(below, IntervalMass.logAdd(between, above), u[0],
                        IntervalMass.logAdd(u[1], u[2]));
                case GREATER -> ratioBounds(above, IntervalMass.logAdd(between, below), u[2],
                        IntervalMass.logAdd(u[1], u[0]));
                case ABS -> ratioBounds(IntervalMass.logAdd(below, above), between,
                        IntervalMass.logAdd(u[0], u[2]), u[1]);
                case TWO_SIDED -> {
                    double[] f = ratioBounds(below, above, u[0], u[2]);
                    double[] s = ratioBounds(above, below, u[2], u[0]);
                    yield new double[] {Math.min(1, 2 * Math.min(f[0], s[0])),
                            Math.min(1, 2 * Math.min(Math.min(f[1], s[1]), 0.5))};
                }
            };
        }

        private static void add(double[] acc, double[] m) {
            for (int i = 0; i < 3; i++) {
                acc[i] = IntervalMass.logAdd(acc[i], m[i]);
            }
        }

        /**
         * Bounds on {@code N / (N + D)} when the unexplored part may add up to {@code uN} to N and
         * {@code uD} to D (log masses).
         */
        static double[] ratioBounds(double n, double d, double uN, double uD) {
            double lower = n == Double.NEGATIVE_INFINITY ? 0
                    : Math.exp(n - IntervalMass.logAdd(n, IntervalMass.logAdd(d, uD)));
            double nMax = IntervalMass.logAdd(n, uN);
            double upper = nMax == Double.NEGATIVE_INFINITY ? 0 : Math.exp(nMax - IntervalMass.logAdd(nMax, d));
            return new double[] {lower, upper};
        }
    }
}
