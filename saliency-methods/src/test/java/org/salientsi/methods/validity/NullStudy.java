package org.salientsi.methods.validity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * A null study as the paper runs it: per trial a fresh test image X and reference R, i.i.d. N(0, 1)
 * pixels (sigma = 1); a draw whose region is empty (or, for the contrast statistic, full) has nothing
 * to test and is counted and redrawn, so {@code trials} means that many p-values.
 */
final class NullStudy {

    /** P-values and counts of one study. */
    record Outcome(String statistic, double[] selective, double[] oc, double[] naive, int ciCovers, int ciTrials,
                   int redrawn, long pieces, double seconds) {

        int rejections(double[] p, double alpha) {
            int r = 0;
            for (double v : p) {
                r += v <= alpha ? 1 : 0;
            }
            return r;
        }

        double ks(double[] p) {
            return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), p);
        }
    }

    private NullStudy() {
    }

    static Outcome run(Network net, TestStatistic statistic, int trials, long seed, boolean withCi) {
        Selection selection = new Selection(CompiledNetwork.compile(net),
                new CamMethod.Provider().create(net, Parameters.empty()), new ThresholdSelector(0), statistic);
        return run(selection, trials, seed, withCi, null);
    }

    /**
     * Runs a study of any selection on a one-channel network: per trial X = signal + noise and R = noise,
     * i.i.d. N(0, 1) pixels; a draw whose region is empty (or full, for contrast) is redrawn.
     *
     * @param selection the network, method, selector and statistic
     * @param trials p-values to compute
     * @param seed data seed
     * @param withCi whether to compute the 95% selective confidence interval
     * @param signal the mean of X (row-major), or {@code null} for the null
     * @return the outcome
     */
    static Outcome run(Selection selection, int trials, long seed, boolean withCi, double[] signal) {
        Network net = selection.network().network();
        int h = net.inputShape().height();
        int w = net.inputShape().width();
        SelectiveTest test = SelectiveTest.withDefaults().withConfidenceLevel(withCi ? 0.95 : 0);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] sel = new double[trials];
        double[] oc = new double[trials];
        double[] naive = new double[trials];
        int covers = 0;
        int redrawn = 0;
        long pieces = 0;
        long started = System.nanoTime();
        for (int i = 0; i < trials; ) {
            double[] x = Gaussian.vector(rng, h * w, 1);
            if (signal != null) {
                for (int k = 0; k < x.length; k++) {
                    x[k] += signal[k];
                }
            }
            Observation obs = Observation.of(Image.grey(h, w, x), Image.grey(h, w, Gaussian.vector(rng, h * w, 1)));
            SelectiveResult r;
            try {
                r = test.run(selection, obs, Provenance.empty());
            } catch (EmptyRegionException e) {
                redrawn++;
                continue;
            }
            sel[i] = r.selectiveP();
            oc[i] = r.ocP();
            naive[i] = r.naiveP();
            Double[] ci = r.ci().toArray();
            if ((ci[0] == null || ci[0] <= 0) && (ci[1] == null || ci[1] >= 0)) {
                covers++;
            }
            pieces += r.pieces();
            i++;
        }
        return new Outcome(selection.statistic().name(), sel, oc, naive, covers, withCi ? trials : 0, redrawn, pieces,
                (System.nanoTime() - started) / 1e9);
    }

    /** Runs several studies on two threads (the engine is thread-safe; each study has its own seed). */
    static List<Outcome> runAll(List<java.util.concurrent.Callable<Outcome>> studies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Outcome>> futures = pool.invokeAll(studies);
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * @return the acceptance interval {@code [lo, hi]} of a Binomial(n, p) count at level {@code gamma}
     *     (probability at most gamma outside, split equally)
     */
    static int[] binomialBand(int n, double p, double gamma) {
        BinomialDistribution b = new BinomialDistribution(null, n, p);
        return new int[] {b.inverseCumulativeProbability(gamma / 2), b.inverseCumulativeProbability(1 - gamma / 2)};
    }

    /**
     * Runs ref-mean (with the confidence interval), ref-abs and contrast null studies on two threads and
     * checks, each at {@code level}: selective and OC rejection counts at 0.05 in the binomial band, KS
     * against uniform, the naive rate above 0.15, and the 95% CI's coverage of 0 (ref-mean).
     *
     * @return a one-line-per-statistic report
     */
    static String assertCamNullStudiesValid(Network net, int trials, long dataSeed, double level) throws Exception {
        int size = net.inputShape().height();
        List<java.util.concurrent.Callable<Outcome>> studies = List.of(
                () -> run(net, new org.salientsi.core.statistic.ReferenceMeanStatistic(), trials, dataSeed, true),
                () -> run(net, new org.salientsi.core.statistic.ReferenceAbsStatistic(), trials, dataSeed + 1, false),
                () -> run(net, new org.salientsi.core.statistic.InImageContrastStatistic(), trials, dataSeed + 2,
                        false));
        List<Outcome> outcomes = runAll(studies);
        int[] band = binomialBand(trials, 0.05, level);
        StringBuilder report = new StringBuilder();
        for (Outcome o : outcomes) {
            int sel = o.rejections(o.selective(), 0.05);
            int oc = o.rejections(o.oc(), 0.05);
            int naive = o.rejections(o.naive(), 0.05);
            double ksSel = o.ks(o.selective());
            double ksOc = o.ks(o.oc());
            report.append(String.format(java.util.Locale.ROOT,
                    "%dpx %s: selective FPR %.4f (KS p %.3f), OC %.4f (KS p %.3f), naive %.4f, redrawn %d, "
                            + "pieces/p %.1f%s%n", size, o.statistic(), sel / (double) trials, ksSel,
                    oc / (double) trials, ksOc, naive / (double) trials, o.redrawn(), o.pieces() / (double) trials,
                    o.ciTrials() > 0 ? String.format(java.util.Locale.ROOT, ", CI coverage %.4f",
                            o.ciCovers() / (double) o.ciTrials()) : ""));
            assertThat(sel).as("%s selective rejections (band %s)", o.statistic(), java.util.Arrays.toString(band))
                    .isBetween(band[0], band[1]);
            assertThat(ksSel).as("%s selective KS p", o.statistic()).isGreaterThan(level);
            assertThat(oc).as("%s OC rejections", o.statistic()).isBetween(band[0], band[1]);
            assertThat(ksOc).as("%s OC KS p", o.statistic()).isGreaterThan(level);
            assertThat(naive / (double) trials).as("%s naive rejection rate", o.statistic()).isGreaterThan(0.15);
            if (o.ciTrials() > 0) {
                int[] coverBand = binomialBand(o.ciTrials(), 0.95, level);
                assertThat(o.ciCovers()).as("CI coverage").isBetween(coverBand[0], coverBand[1]);
            }
        }
        return report.toString();
    }
}
