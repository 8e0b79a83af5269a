package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.image.Image;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Upsample;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.statistic.InImageContrastStatistic;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * A bias-free ReLU network is positively homogeneous: the CAM of {@code s X} is {@code s} times the CAM
 * of {@code X}, so the region a threshold of 0 selects does not change with the scale. Scaling the image,
 * the references and sigma by {@code 10^k} must then scale T, sigma_T, the truncation set, the OC
 * interval, the search range and the confidence interval by {@code 10^k} and leave every p-value as it
 * is, for every {@code |k| <= 300} (sigma^2 alone under- or overflows beyond {@code |k| = 154}).
 */
class ScaleInvarianceTest {

    private static final int SIZE = 8;
    private static final int[] EXPONENTS = {-300, -250, -200, -155, -154, -153, -100, -10, 0, 10, 100, 153, 154,
        155, 200, 250, 300};
    /** Exponents at which a full covariance (entries of 10^(2k)) is representable. */
    private static final int[] COVARIANCE_EXPONENTS = {-150, -100, -77, -10, 0, 10, 77, 100, 150};
    private static final double TOLERANCE = 1e-12;

    /** conv(4) ReLU, conv(4) ReLU, max pool 2, conv(4) ReLU, nearest upsampling 2, GAP, dense(1): no bias. */
    private static Network biasFree(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, SIZE, SIZE));
        double[] zero = new double[4];
        int x = b.add("conv1", Conv2d.of(4, 1, 3, 3, Gaussian.vector(rng, 36, Math.sqrt(2.0 / 9)), zero,
                Padding.symmetric(1)), b.input());
        x = b.add("relu1", new Relu(), x);
        x = b.add("conv2", Conv2d.of(4, 4, 3, 3, Gaussian.vector(rng, 144, Math.sqrt(2.0 / 36)), zero,
                Padding.symmetric(1)), x);
        x = b.add("relu2", new Relu(), x);
        x = b.add("pool", MaxPool.square(2), x);
        x = b.add("conv3", Conv2d.of(4, 4, 3, 3, Gaussian.vector(rng, 144, Math.sqrt(2.0 / 36)), zero,
                Padding.symmetric(1)), x);
        x = b.add("relu3", new Relu(), x);
        x = b.add("up", Upsample.repeat(2, 2), x);
        int gap = b.add("gap", new GlobalAvgPool(), x);
        return b.build(b.add("dense", new Dense(4, 1, new double[] {1.0, -0.8, 0.6, -0.4}, new double[] {0}),
                gap));
    }

    private static Selection selection(Network net, TestStatistic statistic) {
        return new Selection(CompiledNetwork.compile(net), new CamMethod.Provider().create(net, Parameters.empty()),
                new ThresholdSelector(0), statistic);
    }

    /** Standard normal pixels plus a shift of 1.5 in the top-left quarter. */
    private static double[] image(SplittableRandom rng, double shift) {
        double[] v = new double[SIZE * SIZE];
        for (int i = 0; i < v.length; i++) {
            v[i] = Gaussian.next(rng) + (i / SIZE < SIZE / 2 && i % SIZE < SIZE / 2 ? shift : 0);
        }
        return v;
    }

    private static double[] scaled(double[] v, double s) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * s;
        }
        return out;
    }

    private static Observation observation(double[] x, List<double[]> refs, double s) {
        Image image = Image.grey(SIZE, SIZE, scaled(x, s));
        List<Image> r = new ArrayList<>();
        for (double[] ref : refs) {
            r.add(Image.grey(SIZE, SIZE, scaled(ref, s)));
        }
        return Observation.withReferences(image, r);
    }

    /** A case: the data at scale 1, drawn until the region is neither empty nor the whole image. */
    private record Case(Selection selection, double[] x, List<double[]> refs) {
    }

    private static Case draw(Selection selection, SplittableRandom rng, int references) {
        for (int attempt = 0; attempt < 50; attempt++) {
            double[] x = image(rng, 1.5);
            List<double[]> refs = new ArrayList<>();
            for (int k = 0; k < references; k++) {
                refs.add(image(rng, 0));
            }
            try {
                SelectiveResult r = SelectiveTest.withDefaults().run(selection, observation(x, refs, 1),
                        Provenance.empty());
                if (r.regionSize() < SIZE * SIZE && r.intervals().size() > 0) {
                    return new Case(selection, x, refs);
                }
            } catch (EmptyRegionException e) {
                // redraw
            }
        }
        throw new AssertionError("no usable draw");
    }

    private static List<Case> cases() {
        Network net = biasFree(77);
        SplittableRandom rng = new SplittableRandom(2718);
        Selection refMean = selection(net, new ReferenceMeanStatistic());
        Selection contrast = selection(net, new InImageContrastStatistic());
        return List.of(draw(refMean, rng, 1), draw(refMean, rng, 1), draw(refMean, rng, 3), draw(contrast, rng, 0),
                draw(contrast, rng, 0));
    }

    private static double pow10(int k) {
        return Double.parseDouble("1e" + k);
    }

    @Test
    void scalingDataAndSigmaBy10ToTheKScalesTheTestAndKeepsThePValues() {
        int compared = 0;
        long multiPiece = 0;
        for (Case c : cases()) {
            SelectiveResult base = SelectiveTest.withDefaults().withNoise(NoiseModel.isotropic(1.0))
                    .run(c.selection(), observation(c.x(), c.refs(), 1), Provenance.empty());
            multiPiece += base.intervals().size() > 1 || base.pieces() > 2 ? 1 : 0;
            for (int k : EXPONENTS) {
                double s = pow10(k);
                SelectiveResult r = SelectiveTest.withDefaults().withNoise(NoiseModel.isotropic(s))
                        .run(c.selection(), observation(c.x(), c.refs(), s), Provenance.empty());
                assertScaled(r, base, s, "k = " + k);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(5 * EXPONENTS.length);
        assertThat(multiPiece).as("cases whose search walks more than one piece").isGreaterThanOrEqualTo(3);
    }

    @Test
    void scalingDataAndAFullCovarianceScalesTheTest() {
        SplittableRandom rng = new SplittableRandom(31);
        int n = SIZE * SIZE;
        // C = I/2 + B B^T / (2n): well conditioned, not diagonal
        double[] b = Gaussian.vector(rng, n * n, 1);
        double[] cov = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int l = 0; l < n; l++) {
                    v += b[i * n + l] * b[j * n + l];
                }
                cov[i * n + j] = v / (2 * n) + (i == j ? 0.5 : 0);
            }
        }
        List<Case> cases = cases();
        for (Case c : List.of(cases.get(0), cases.get(2), cases.get(3))) {
            SelectiveResult base = SelectiveTest.withDefaults().withNoise(NoiseModel.covariance(cov, n))
                    .run(c.selection(), observation(c.x(), c.refs(), 1), Provenance.empty());
            for (int k : COVARIANCE_EXPONENTS) {
                double s = pow10(k);
                double s2 = pow10(2 * k);
                SelectiveResult r = SelectiveTest.withDefaults().withNoise(NoiseModel.covariance(scaled(cov, s2), n))
                        .run(c.selection(), observation(c.x(), c.refs(), s), Provenance.empty());
                assertScaled(r, base, s, "covariance, k = " + k);
            }
        }
    }

    /** Before the fix sigma^2 underflowed here: sigma_T came out 0 or subnormal, a wrong p-value or none. */
    @Test
    void theSmallestNormalSigmaStillGivesTheTest() {
        Case c = cases().get(0);
        SelectiveResult base = SelectiveTest.withDefaults()
                .run(c.selection(), observation(c.x(), c.refs(), 1), Provenance.empty());
        double s = 0x1p-1000; // 9.3e-302: sigma_T ~ 1e-302, a power of two so the data scale exactly
        SelectiveResult r = SelectiveTest.withDefaults().withNoise(NoiseModel.isotropic(s))
                .run(c.selection(), observation(c.x(), c.refs(), s), Provenance.empty());
        assertThat(r.selectiveP()).isEqualTo(base.selectiveP());
        assertThat(r.sigmaT()).isEqualTo(base.sigmaT() * s);
        assertThat(r.statistic()).isEqualTo(base.statistic() * s);
    }

    private static void assertScaled(SelectiveResult r, SelectiveResult base, double s, String label) {
        assertThat(r.region()).as("%s: region", label).isEqualTo(base.region());
        assertThat(r.selectiveP()).as("%s: selective p", label).isCloseTo(base.selectiveP(),
                org.assertj.core.api.Assertions.within(TOLERANCE));
        assertThat(r.ocP()).as("%s: OC p", label).isCloseTo(base.ocP(),
                org.assertj.core.api.Assertions.within(TOLERANCE));
        assertThat(r.naiveP()).as("%s: naive p", label).isCloseTo(base.naiveP(),
                org.assertj.core.api.Assertions.within(TOLERANCE));
        assertThat(r.massOutside()).as("%s: mass outside", label).isCloseTo(base.massOutside(),
                org.assertj.core.api.Assertions.within(TOLERANCE));
        double unit = base.sigmaT();
        close(r.statistic(), base.statistic(), s, Math.abs(base.statistic()), label + ": T");
        close(r.sigmaT(), base.sigmaT(), s, base.sigmaT(), label + ": sigma_T");
        List<double[]> z = merged(r.intervals(), s, unit);
        List<double[]> z0 = merged(base.intervals(), 1, unit);
        assertThat(z.size()).as("%s: intervals of %s vs %s", label, r.intervals(), base.intervals())
                .isEqualTo(z0.size());
        for (int i = 0; i < z.size(); i++) {
            close(z.get(i)[0], z0.get(i)[0], 1, unit, label + ": interval " + i + " lower");
            close(z.get(i)[1], z0.get(i)[1], 1, unit, label + ": interval " + i + " upper");
        }
        closeInterval(r.ocInterval(), base.ocInterval(), s, unit, label + ": OC interval");
        closeInterval(r.searchRange(), base.searchRange(), s, unit, label + ": search range");
        for (int end = 0; end < 2; end++) {
            Double got = r.ci().end(end);
            Double want = base.ci().end(end);
            assertThat(got == null).as("%s: CI end %d bounded", label, end).isEqualTo(want == null);
            if (want != null) {
                close(got, want, s, unit, label + ": CI end " + end);
            }
        }
    }

    /**
     * The truncation set at scale 1 ({@code z / s}), with intervals that touch within {@value #TOLERANCE}
     * of the line's scale joined and intervals narrower than that dropped: where rounding at a breakpoint
     * gives a sliver of an ulp or so with another selection, the walk leaves a gap between two matching
     * pieces, or a matching sliver between two others. Slivers have no mass (the p-values do not see
     * them), and where they fall depends on rounding, so also on the scale.
     */
    private static List<double[]> merged(IntervalSet z, double s, double unit) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < z.size(); i++) {
            double lo = z.lower(i) / s;
            double hi = z.upper(i) / s;
            if (hi - lo <= TOLERANCE * unit) {
                continue;
            }
            if (!out.isEmpty() && lo - out.get(out.size() - 1)[1] <= TOLERANCE * unit) {
                out.get(out.size() - 1)[1] = hi;
            } else {
                out.add(new double[] {lo, hi});
            }
        }
        return out;
    }

    private static void closeInterval(Interval got, Interval want, double s, double unit, String label) {
        close(got.lo(), want.lo(), s, unit, label + " lower");
        close(got.hi(), want.hi(), s, unit, label + " upper");
    }

    /**
     * {@code got} is {@code want * s} within {@value #TOLERANCE} of the line's scale at scale 1 (the larger
     * of {@code |want|} and {@code unit}, sigma_T), compared at scale 1 so that nothing under- or overflows.
     */
    private static void close(double got, double want, double s, double unit, String label) {
        if (Double.isInfinite(want)) {
            assertThat(got).as(label).isEqualTo(want);
            return;
        }
        double back = got / s;
        assertThat(Math.abs(back - want)).as("%s: %s at scale %s is %s at scale 1, expected %s", label, got, s, back,
                want).isLessThanOrEqualTo(TOLERANCE * Math.max(Math.abs(want), unit));
    }
}
