package org.salientsi.validation.attention;

import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.statistic.Contrast;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.Selection;
import org.salientsi.core.stats.TruncatedNormal;

/**
 * The truncation set found on a grid of the test line, as the published selective test of attention maps does
 * (Shiraishi et al., ICML 2024; their code evaluates the selection at grid points at most
 * {@value #PAPER_STEP} apart in units of sigma_T, the largest step of their adaptive grid, and bisects each cell
 * whose ends disagree down to {@value #PAPER_TOLERANCE}): the selection is evaluated at grid points of the search
 * range {@code [-|T| - k sigma_T, |T| + k sigma_T]} from T outward, {@code step} sigma_T apart; a cell whose two
 * ends select the observed region is taken as inside the truncation set, one whose ends both select another
 * region as outside, and a cell whose ends disagree is bisected to {@code tolerance} sigma_T. The grid p-value is
 * the truncated normal's over that set. It is exact only if no cell hides a change; {@link #compare} counts the
 * cells in which a certificate proves it did.
 *
 * <p>Only for statistics without extra constraints on the line (ref-mean, contrast, ...); immutable.
 *
 * @param step grid spacing in units of sigma_T, {@code > 0}
 * @param tolerance bisection width in units of sigma_T, {@code > 0}
 */
public record GridApproximation(double step, double tolerance) {

    /** The largest step of the published adaptive grid (si4attention's {@code max_width}), units of sigma_T. */
    public static final double PAPER_STEP = 0.1;
    /** The published bisection tolerance around a change of the selection, units of sigma_T. */
    public static final double PAPER_TOLERANCE = 1e-10;
    /** The most grid points one test may evaluate, against a step too small for the range. */
    public static final int MAX_POINTS = 10_000_000;

    /** @throws InvalidValueException unless both are finite and positive */
    public GridApproximation {
        if (!(step > 0) || !(tolerance > 0) || Double.isInfinite(step) || Double.isInfinite(tolerance)) {
            throw InvalidValueException.of("grid step and tolerance must be finite and > 0, got %s and %s", step,
                    tolerance);
        }
    }

    /** @return the grid of the paper's density */
    public static GridApproximation paper() {
        return new GridApproximation(PAPER_STEP, PAPER_TOLERANCE);
    }

    /**
     * What the grid found.
     *
     * @param pValue the grid's selective p-value over the search range
     * @param statistic T
     * @param sigmaT sigma_T
     * @param range the search range (units of T)
     * @param points the grid points after bisection, increasing (units of T)
     * @param in whether each point selects the observed region
     * @param inside the grid's truncation set
     * @param seconds wall time
     */
    public record Outcome(double pValue, double statistic, double sigmaT, Interval range, double[] points,
                          boolean[] in, IntervalSet inside, double seconds) {
    }

    /**
     * Cells of the grid whose two ends agree but in which a certificate proves the opposite on a sub-segment.
     *
     * @param cells cells whose ends agree
     * @param missedOut cells whose ends select the observed region but part of which is certified out
     * @param missedIn cells whose ends select another region but part of which is certified in
     * @param outsideBounds whether the grid p-value lies outside the certified bounds
     */
    public record Misses(int cells, int missedOut, int missedIn, boolean outsideBounds) {

        /** @return whether the grid missed any change the certificate found */
        public boolean any() {
            return missedOut + missedIn > 0;
        }
    }

    /**
     * @param selection network, method, selector and statistic
     * @param observation the data (the observed region is the one the selection picks on it)
     * @param noise the noise model
     * @param rangeK the search range's half-width beyond |T|, in units of sigma_T
     * @param alternative the alternative
     * @return the grid's truncation set and p-value
     * @throws org.salientsi.api.error.EmptyRegionException if the region leaves nothing to test
     */
    public Outcome run(Selection selection, Observation observation, NoiseModel noise, double rangeK,
                       Alternative alternative) {
        long started = System.nanoTime();
        PointEvaluator point = selection.network().pointEvaluator();
        ImageShape shape = observation.image().shape();
        int n = shape.size();
        double[] image = observation.image().toChw();
        SaliencyMap map = selection.method().map(point.evaluate(image));
        Region observed = selection.selector().select(map);
        Contrast contrast = selection.statistic().contrast(observed, observation);
        double[] eta = contrast.eta();
        double[] y = observation.stacked();
        double t = 0;
        for (int i = 0; i < y.length; i++) {
            t += eta[i] * y[i];
        }
        NoiseModel.Projection projection = noise.project(eta, n, observation.referenceCount());
        double sigmaT = projection.sigmaT();
        double[] slope = projection.slope();
        double[] a = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = y[i] - slope[i] * t;
            c[i] = slope[i];
        }
        double[] aChw = toChw(a, shape);
        double[] cChw = toChw(c, shape);
        double reach = Math.abs(t) + rangeK * sigmaT;
        double h = step * sigmaT;
        if ((2 * reach) / h > MAX_POINTS) {
            throw InvalidValueException.of("a grid of step %s sigma_T over +-%s sigma_T needs more than %d points",
                    step, reach / sigmaT, MAX_POINTS);
        }
        Line line = new Line(selection, point, observed, aChw, cChw, new double[n]);
        List<Double> zs = new ArrayList<>();
        for (double z = t; z > -reach; z -= h) {
            zs.add(0, z);
        }
        zs.add(0, -reach);
        for (double z = t + h; z < reach; z += h) {
            zs.add(z);
        }
        zs.add(reach);
        List<double[]> refined = new ArrayList<>();
        boolean prev = line.selectsObserved(zs.get(0));
        refined.add(new double[] {zs.get(0), prev ? 1 : 0});
        double tol = tolerance * sigmaT;
        for (int k = 1; k < zs.size(); k++) {
            double right = zs.get(k);
            boolean flag = line.selectsObserved(right);
            if (flag != prev) {
                double lo = refined.get(refined.size() - 1)[0];
                double hi = right;
                while (hi - lo > tol) {
                    double mid = lo + 0.5 * (hi - lo);
                    if (!(mid > lo && mid < hi)) {
                        break;
                    }
                    if (line.selectsObserved(mid) == prev) {
                        lo = mid;
                        refined.add(new double[] {mid, prev ? 1 : 0});
                    } else {
                        hi = mid;
                    }
                }
                // the change lies in (lo, hi); the point hi carries the right end's flag
                if (hi < right) {
                    refined.add(new double[] {hi, flag ? 1 : 0});
                }
            }
            refined.add(new double[] {right, flag ? 1 : 0});
            prev = flag;
        }
        refined.sort((u, v) -> Double.compare(u[0], v[0]));
        double[] points = new double[refined.size()];
        boolean[] in = new boolean[refined.size()];
        IntervalSet.Builder inside = IntervalSet.builder();
        for (int k = 0; k < points.length; k++) {
            points[k] = refined.get(k)[0];
            in[k] = refined.get(k)[1] > 0;
            if (k > 0 && in[k] && in[k - 1] && points[k] > points[k - 1]) {
                inside.add(points[k - 1], points[k]);
            }
        }
        IntervalSet set = inside.build();
        double p = TruncatedNormal.of(0, sigmaT, set).pValue(t, alternative);
        return new Outcome(p, t, sigmaT, Interval.of(-reach, reach), points, in, set,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * @param grid the grid's outcome
     * @param certified the certified search's result on the same data and search range
     * @return the grid's cells whose ends agree but that the certificate proves wrong in part
     */
    public static Misses compare(Outcome grid, SelectiveResult certified) {
        if (certified.certified() == null) {
            throw new InvalidValueException("the result to compare with is not certified");
        }
        IntervalSet certIn = certified.intervals();
        Interval range = certified.searchRange();
        IntervalSet certOut = certIn.union(certified.certified().undecided()).complement(range);
        int cells = 0;
        int missedOut = 0;
        int missedIn = 0;
        double[] z = grid.points();
        boolean[] in = grid.in();
        for (int k = 1; k < z.length; k++) {
            if (in[k] != in[k - 1] || !(z[k] > z[k - 1])) {
                continue;
            }
            cells++;
            Interval cell = Interval.of(z[k - 1], z[k]);
            IntervalSet opposite = (in[k] ? certOut : certIn).intersect(cell);
            if (opposite.measure() > 0) {
                if (in[k]) {
                    missedOut++;
                } else {
                    missedIn++;
                }
            }
        }
        double lo = certified.certified().pLower();
        double hi = certified.certified().pUpper();
        return new Misses(cells, missedOut, missedIn, grid.pValue() < lo || grid.pValue() > hi);
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

    /** The selection at points of the line {@code a + c z}. */
    private record Line(Selection selection, PointEvaluator point, Region observed, double[] a, double[] c,
                        double[] x) {

        boolean selectsObserved(double z) {
            for (int i = 0; i < x.length; i++) {
                x[i] = a[i] + c[i] * z;
            }
            SaliencyMap map = selection.method().map(point.evaluate(x));
            return observed.equals(selection.selector().select(map));
        }
    }
}
