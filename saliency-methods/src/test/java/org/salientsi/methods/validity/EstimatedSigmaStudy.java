package org.salientsi.methods.validity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.image.Image;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.ChiStatistic;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.core.engine.NoiseEstimate;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.stats.TruncatedChi;
import org.salientsi.core.stats.TruncatedNormal;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * The selective test with sigma estimated from independent scans ({@code --noise-from}) against the one with
 * the true sigma = 1, under the null: per trial a fresh X and R (i.i.d. N(0, 1) pixels, ref-mean, CAM with
 * threshold 0, redrawn when the region is empty) and, for every df, two fresh scans of df values whose pooled
 * estimate ({@link NoiseEstimate}) has df degrees of freedom. For isotropic noise the test line and so the
 * truncation set Z do not depend on sigma (c = eta / |eta|^2, a = Y - cT), only sigma_T does: one search per
 * trial, over a range wide enough for the largest sigma of the trial, gives every p-value, each on Z within its
 * own range (+-(|T| + 10 sigma_T)), exactly as a run with that sigma would
 * ({@code EstimatedSigmaValidityTest} checks this against such runs).
 *
 * <p>Per df: the known-sigma and plug-in two-sided p-values, and the known-sigma and upper-limit
 * ({@code --sigma-upper beta}) {@code abs} p-values.
 */
final class EstimatedSigmaStudy {

    /** The p-values of one df. */
    record Column(int df, double[] known, double[] plugIn, double[] knownAbs, double[] upperAbs) {
    }

    private EstimatedSigmaStudy() {
    }

    static List<Column> run(Network net, int trials, long seed, int[] dfs, double beta) {
        return run(net, trials, seed, dfs, beta, new ReferenceMeanStatistic());
    }

    /**
     * @param statistic {@code ref-mean} (a linear contrast: two-sided plug-in, abs upper limit) or a chi statistic
     *     (every column the chi p-value)
     * @return one column per df
     */
    static List<Column> run(Network net, int trials, long seed, int[] dfs, double beta, TestStatistic statistic) {
        boolean chi = statistic instanceof ChiStatistic;
        int h = net.inputShape().height();
        int w = net.inputShape().width();
        Selection selection = new Selection(CompiledNetwork.compile(net),
                new CamMethod.Provider().create(net, Parameters.empty()), new ThresholdSelector(0), statistic);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Column> columns = new ArrayList<>();
        for (int df : dfs) {
            columns.add(new Column(df, new double[trials], new double[trials], new double[trials],
                    new double[trials]));
        }
        double[] plug = new double[dfs.length];
        double[] upper = new double[dfs.length];
        for (int i = 0; i < trials; ) {
            Observation obs = Observation.of(Image.grey(h, w, Gaussian.vector(rng, h * w, 1)),
                    Image.grey(h, w, Gaussian.vector(rng, h * w, 1)));
            double widest = 1;
            for (int k = 0; k < dfs.length; k++) {
                NoiseEstimate e = estimate(rng, dfs[k]);
                plug[k] = e.sigma();
                upper[k] = e.upperLimit(beta);
                widest = Math.max(widest, Math.max(plug[k], upper[k]));
            }
            SelectiveResult r;
            try {
                // a chi range also follows the mode sqrt(d - 1) <= sqrt(n) as the scale grows
                double range = 10 * widest + (chi ? (widest - 1) * Math.sqrt(h * w) : 0);
                r = SelectiveTest.withDefaults().withConfidenceLevel(0).withRange(range).run(selection, obs,
                        Provenance.empty());
            } catch (EmptyRegionException e) {
                continue;
            }
            double t = r.statistic();
            double sigmaT = r.sigmaT(); // at sigma = 1
            Integer d = r.degreesOfFreedom();
            double known = chi ? chiP(r.intervals(), t, sigmaT, d) : p(r.intervals(), t, sigmaT, Alternative.TWO_SIDED);
            double knownAbs = chi ? known : p(r.intervals(), t, sigmaT, Alternative.ABS);
            for (int k = 0; k < dfs.length; k++) {
                Column c = columns.get(k);
                c.known()[i] = known;
                c.knownAbs()[i] = knownAbs;
                c.plugIn()[i] = chi ? chiP(r.intervals(), t, sigmaT * plug[k], d)
                        : p(r.intervals(), t, sigmaT * plug[k], Alternative.TWO_SIDED);
                c.upperAbs()[i] = chi ? chiP(r.intervals(), t, sigmaT * upper[k], d)
                        : p(r.intervals(), t, sigmaT * upper[k], Alternative.ABS);
            }
            i++;
        }
        return columns;
    }

    /** Two scans of one scene with df values each: the pooled estimate has df degrees of freedom. */
    static NoiseEstimate estimate(SplittableRandom rng, int df) {
        return NoiseEstimate.of(List.of(List.of(Image.grey(1, df, Gaussian.vector(rng, df, 1)),
                Image.grey(1, df, Gaussian.vector(rng, df, 1)))), "synthetic scans");
    }

    /** The p-value a search with this sigma_T reports: Z within its range +-(|T| + 10 sigma_T). */
    static double p(IntervalSet z, double t, double sigmaT, Alternative alternative) {
        double reach = Math.abs(t) + 10 * sigmaT;
        return TruncatedNormal.of(0, sigmaT, z.intersect(Interval.of(-reach, reach))).pValue(t, alternative);
    }

    /** The chi p-value a search with this scale reports: Z within its range (ChiLine's). */
    static double chiP(IntervalSet z, double t, double scale, int d) {
        double r = t / scale;
        double mode = Math.sqrt(d - 1.0);
        double lo = scale * Math.max(0, Math.min(r, mode) - 10);
        double hi = scale * (Math.max(r, mode) + 10);
        return TruncatedChi.of(d, scale, z.intersect(Interval.of(lo, hi))).pValue(t);
    }

    static int rejections(double[] p, double alpha) {
        int r = 0;
        for (double v : p) {
            r += v <= alpha ? 1 : 0;
        }
        return r;
    }

    static double ks(double[] p) {
        return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), p);
    }

    /** @return a table row of one df */
    static String row(int size, Column c, double beta) {
        return row(size + " px", c, beta);
    }

    /** @return a table row of one df, labelled */
    static String row(String label, Column c, double beta) {
        int n = c.known().length;
        return String.format(Locale.ROOT, "| %s | %d | %d | %s | %.3f | %s | %.3f | %s | %s (beta %.2f) |%n", label,
                c.df(), n, ChiStudy.rate(rejections(c.known(), 0.05), n), ks(c.known()),
                ChiStudy.rate(rejections(c.plugIn(), 0.05), n), ks(c.plugIn()),
                ChiStudy.rate(rejections(c.knownAbs(), 0.05), n), ChiStudy.rate(rejections(c.upperAbs(), 0.05), n),
                beta);
    }

    /** The header of the table. */
    static String header() {
        return "| size | sigma df | trials | known sigma, two-sided FPR [95% CP] | KS p | plug-in, two-sided FPR "
                + "[95% CP] | KS p | known sigma, abs FPR | upper limit, abs FPR |\n|---|---|---|---|---|---|---|---|---|\n";
    }
}
