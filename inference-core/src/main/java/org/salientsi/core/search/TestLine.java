package org.salientsi.core.search;

import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.statistic.Contrast;
import org.salientsi.api.statistic.LinearConstraints;
import org.salientsi.api.statistic.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test line of one selective test (DESIGN.md section 2): the statistic \( T = \eta^T Y \), its
 * standard deviation \( \sigma_T \), and the line \( Y(z) = a + c z \) with \( c = \Sigma\eta/\sigma_T^2 \),
 * \( a = Y - cT \), restricted to the network's input (the test image's part of {@code Y}, in CHW order,
 * with the reflected slope {@code -c} for the walk leftward), the range searched and the interval on which
 * the statistic's own linear constraints hold. Immutable once made; the arrays are not copied out.
 *
 * @param t the observed statistic T
 * @param sigmaT its standard deviation under the noise model, {@code > 0}
 * @param a input intercepts (CHW)
 * @param c input slopes (CHW)
 * @param cReflected the slopes negated, for the walker that goes leftward
 * @param constraint where the statistic's constraints {@code g^T Y(z) > 0} hold (it contains T)
 * @param zMin the search range's lower end, {@code -|T| - range sigma_T}
 * @param zMax its upper end, {@code |T| + range sigma_T}
 */
record TestLine(double t, double sigmaT, double[] a, double[] c, double[] cReflected, Interval constraint,
                double zMin, double zMax) {

    private static final Logger LOG = LoggerFactory.getLogger(TestLine.class);
    /**
     * Room left above the widest point of the line the search may visit, for the network's sums of its
     * values (a factor of 2^10).
     */
    private static final double HEADROOM = 1024;

    /**
     * @param contrast the statistic's direction and constraints
     * @param observation the data
     * @param noise the noise model
     * @param range the search half-width beyond |T|, in units of sigma_T
     * @param statistic the statistic's name, for messages
     * @return the line
     * @throws ShapeMismatchException if the direction does not fit the data
     * @throws InvalidValueException if T, sigma_T or the search range cannot be represented (data and noise
     *     too large or too small)
     * @throws NumericalBreakdownException if T has no variance
     */
    static TestLine of(Contrast contrast, Observation observation, NoiseModel noise, double range,
                       String statistic) {
        ImageShape shape = observation.image().shape();
        int n = shape.size();
        double[] eta = contrast.eta();
        double[] y = observation.stacked();
        if (eta.length != y.length) {
            throw new ShapeMismatchException("statistic '" + statistic + "' gave a direction of " + eta.length
                    + " values for data of " + y.length);
        }
        double t = dot(eta, y);
        if (!Double.isFinite(t)) {
            throw new InvalidValueException("statistic '" + statistic + "' is not finite (T = " + t
                    + "): the data are too large to sum; express the image and the noise in other units");
        }
        NoiseModel.Projection projection = noise.project(eta, n, observation.referenceCount());
        double sigmaT = projection.sigmaT();
        double[] c = projection.slope();
        double[] a = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            a[i] = y[i] - c[i] * t;
        }
        double reach = Math.abs(t) + range * sigmaT;
        double widest = (Math.abs(t) + Math.max(range, SelectiveInterval.REACH) * sigmaT) * HEADROOM;
        if (!Double.isFinite(widest)) {
            throw new InvalidValueException("the test line reaches too close to the largest double: |T| + "
                    + Math.max(range, SelectiveInterval.REACH) + " sigma_T (the widest search, for the confidence "
                    + "interval) with T = " + t + ", sigma_T = " + sigmaT + "; express the image and the noise "
                    + "(sigma) in smaller units");
        }
        Interval constraint = constraintInterval(contrast.constraints(), a, c, t);
        double[] aChw = toChw(a, shape);
        double[] cChw = toChw(c, shape);
        double[] cNeg = new double[cChw.length];
        for (int i = 0; i < cNeg.length; i++) {
            cNeg[i] = -cChw[i];
        }
        return new TestLine(t, sigmaT, aChw, cChw, cNeg, constraint, -reach, reach);
    }

    /** @return where the walk starts on the left: the range's lower end or the constraints', if higher */
    double walkMin() {
        return Math.max(zMin, constraint.lo());
    }

    /** @return where the walk ends on the right: the range's upper end or the constraints', if lower */
    double walkMax() {
        return Math.min(zMax, constraint.hi());
    }

    /**
     * The interval of z on which every extra constraint {@code g^T Y(z) > 0} holds, decided just
     * around T (they hold at the observed data).
     */
    private static Interval constraintInterval(LinearConstraints constraints, double[] a, double[] c, double t) {
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

    /** The test image's part of {@code Y} (channels last, first in the stack) in CHW order. */
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
}
