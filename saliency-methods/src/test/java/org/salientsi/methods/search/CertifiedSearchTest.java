package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.image.Image;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Gelu;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Tanh;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.CertifiedBounds;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.search.SearchMode;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;
import org.salientsi.core.statistic.ReferenceChiStatistic;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.MinMaxSelector;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * The certified search (issue 24) on piecewise-linear networks, where the exact walk (an independent algorithm)
 * gives the exact selective p-value and truncation set: the certified bounds contain the exact p-value for every
 * alternative and the chi law, the segments certified in lie inside the exact truncation set and the exact set
 * inside the certified and undecided ones, the default refines to bounds at most 0.01 apart, and the decision,
 * precision and time-limit rules stop as documented.
 */
class CertifiedSearchTest {

    /** Slack for rounding of the exact walk's interval ends and p-value. */
    private static final double TOL = 1e-9;

    private static Selection cam(Network net, TestStatistic statistic) {
        return new Selection(CompiledNetwork.compile(net), new CamMethod.Provider().create(net, Parameters.empty()),
                new ThresholdSelector(0), statistic);
    }

    /** A null image with its reference, plus {@code signal} on the top-left quarter. */
    private static Observation image(Network net, SplittableRandom rng, double signal) {
        int h = net.inputShape().height();
        int w = net.inputShape().width();
        double[] x = Gaussian.vector(rng, h * w, 1);
        for (int r = 0; r < h / 2; r++) {
            for (int c = 0; c < w / 2; c++) {
                x[r * w + c] += signal;
            }
        }
        return Observation.of(Image.grey(h, w, x), Image.grey(h, w, Gaussian.vector(rng, h * w, 1)));
    }

    private static void assertContains(SelectiveResult certified, SelectiveResult exact, String what) {
        double p = exact.selectiveP();
        double[] b = certified.pBounds().toArray();
        assertThat(certified.search()).isEqualTo("certified");
        assertThat(exact.search()).isEqualTo("exact");
        assertThat(b[0]).as("lower bound, %s, exact p %s", what, p).isLessThanOrEqualTo(p + TOL);
        assertThat(b[1]).as("upper bound, %s, exact p %s", what, p).isGreaterThanOrEqualTo(p - TOL);
        assertThat(certified.selectiveP()).as(what).isEqualTo(b[1]);
        assertThat(certified.ocP()).as(what).isNull();
        CertifiedBounds c = certified.certified();
        assertThat(c.pMidpoint()).as(what).isEqualTo(0.5 * (b[0] + b[1]));
        // In ⊆ Z ⊆ In ∪ Undecided, up to the exact walk's rounding of interval ends
        Interval range = Interval.of(certified.searchRange().lo(), certified.searchRange().hi());
        IntervalSet z = exact.intervals();
        IntervalSet in = certified.intervals();
        assertThat(in.intersect(z.complement(range)).measure()).as("in but not in Z, %s", what)
                .isLessThanOrEqualTo(TOL * 10);
        assertThat(z.intersect(in.union(c.undecided()).complement(range)).measure())
                .as("in Z but certified out, %s", what).isLessThanOrEqualTo(TOL * 10);
        assertThat(c.segmentsIn() + c.segmentsOut() + c.segmentsUndecided()).as(what)
                .isLessThanOrEqualTo(certified.pieces());
    }

    @Test
    void certifiedBoundsContainTheExactPValueForEveryAlternative() {
        List<Network> nets = List.of(TestNetworks.paperCam(8, 5, true), TestNetworks.paperCam(16, 3, false));
        SplittableRandom rng = new SplittableRandom(24_001L);
        int compared = 0;
        int narrow = 0;
        for (Network net : nets) {
            Selection selection = cam(net, new ReferenceMeanStatistic());
            for (Alternative alt : Alternative.values()) {
                for (int trial = 0; trial < 3; trial++) {
                    Observation obs = image(net, rng, trial == 0 ? 2.0 : 0);
                    SelectiveTest base = SelectiveTest.withDefaults().with(alt).withConfidenceLevel(0);
                    SelectiveResult exact;
                    try {
                        exact = base.withSearch(SearchMode.EXACT).run(selection, obs, Provenance.empty());
                    } catch (EmptyRegionException e) {
                        continue;
                    }
                    SelectiveResult certified = base.withSearch(SearchMode.CERTIFIED).run(selection, obs,
                            Provenance.empty());
                    String what = net.inputShape().height() + " px, " + alt.label() + ", image " + trial;
                    assertContains(certified, exact, what);
                    assertThat(certified.stopReason()).as(what).isEqualTo(StopReason.CERTIFIED);
                    assertThat(certified.ci().lower()).isNull();
                    assertThat(certified.ci().upper()).isNull();
                    double width = certified.pBounds().upper() - certified.pBounds().lower();
                    if (certified.certified().ended().equals("precision:0.01")) {
                        assertThat(width).as(what).isLessThanOrEqualTo(0.01);
                        narrow++;
                    } else {
                        // a map pixel equal to the threshold over an interval cannot be certified in: no progress
                        assertThat(certified.certified().ended()).as(what).isIn("width_limit", "stalled");
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(16);
        assertThat(narrow).as("searches that reached 0.01 by default of %d", compared)
                .isGreaterThanOrEqualTo(compared / 2);
    }

    @Test
    void certifiedBoundsContainTheExactChiPValue() {
        Network net = TestNetworks.paperCam(8, 77, true);
        Selection selection = cam(net, new ReferenceChiStatistic());
        SplittableRandom rng = new SplittableRandom(24_002L);
        int compared = 0;
        for (int trial = 0; trial < 8 && compared < 4; trial++) {
            Observation obs = image(net, rng, 0);
            SelectiveTest base = SelectiveTest.withDefaults().withRange(6).withConfidenceLevel(0);
            SelectiveResult exact;
            try {
                exact = base.withSearch(SearchMode.EXACT).run(selection, obs, Provenance.empty());
            } catch (EmptyRegionException e) {
                continue;
            }
            SelectiveResult certified = base.withSearch(SearchMode.CERTIFIED).run(selection, obs, Provenance.empty());
            assertThat(certified.statisticDistribution()).isEqualTo("chi");
            assertContains(certified, exact, "chi, image " + trial);
            compared++;
        }
        assertThat(compared).isEqualTo(4);
    }

    @Test
    void decisionAndPrecisionRulesStopWithBoundsThatDecideAsTheExactPValue() {
        Network net = TestNetworks.paperCam(8, 5, true);
        Selection selection = cam(net, new ReferenceMeanStatistic());
        SplittableRandom rng = new SplittableRandom(24_003L);
        double alpha = 0.05;
        int decided = 0;
        for (int trial = 0; trial < 8; trial++) {
            Observation obs = image(net, rng, trial % 2 == 0 ? 1.5 : 0);
            SelectiveTest base = SelectiveTest.withDefaults().withConfidenceLevel(0);
            SelectiveResult exact;
            try {
                exact = base.withSearch(SearchMode.EXACT).run(selection, obs, Provenance.empty());
            } catch (EmptyRegionException e) {
                continue;
            }
            String what = "image " + trial + ", exact p " + exact.selectiveP();
            SelectiveResult decision = base.withSearch(SearchMode.CERTIFIED)
                    .withTermination(Termination.decision(alpha)).run(selection, obs, Provenance.empty());
            assertContains(decision, exact, what);
            double lo = decision.pBounds().lower();
            double hi = decision.pBounds().upper();
            if (decision.certified().ended().startsWith("decision")) {
                assertThat(hi <= alpha || lo > alpha).as(what).isTrue();
                if (Math.abs(exact.selectiveP() - alpha) > TOL) {
                    assertThat(decision.reject(alpha)).as(what).isEqualTo(exact.reject(alpha));
                }
                decided++;
            }
            SelectiveResult precise = base.withSearch(SearchMode.CERTIFIED)
                    .withTermination(Termination.precision(1e-3)).run(selection, obs, Provenance.empty());
            assertContains(precise, exact, what);
            if (!precise.certified().ended().equals("width_limit") && !precise.certified().ended().equals("stalled")) {
                assertThat(precise.certified().ended()).isEqualTo("precision:0.001");
                assertThat(precise.pBounds().upper() - precise.pBounds().lower()).as(what)
                        .isLessThanOrEqualTo(1e-3);
            }
        }
        assertThat(decided).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aTimeLimitStopsWithBoundsThatStillContainTheExactPValue() {
        Network net = TestNetworks.paperCam(16, 3, false);
        Selection selection = cam(net, new ReferenceMeanStatistic());
        SplittableRandom rng = new SplittableRandom(24_004L);
        Observation obs = image(net, rng, 0);
        SelectiveTest base = SelectiveTest.withDefaults().withConfidenceLevel(0);
        SelectiveResult exact = base.withSearch(SearchMode.EXACT).run(selection, obs, Provenance.empty());
        SelectiveResult limited = base.withSearch(SearchMode.CERTIFIED).withTimeLimit(Duration.ofNanos(1))
                .run(selection, obs, Provenance.empty());
        assertThat(limited.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
        assertThat(limited.certified().ended()).isEqualTo("time_limit");
        assertContains(limited, exact, "time limit");
    }

    @Test
    void autoKeepsTheExactWalkOnPiecewiseLinearNetworks() {
        Network net = TestNetworks.paperCam(8, 5, true);
        Selection selection = cam(net, new ReferenceMeanStatistic());
        assertThat(SelectiveTest.withDefaults().searchFor(selection)).isEqualTo(SearchMode.EXACT);
        assertThat(SelectiveTest.withDefaults().withSearch(SearchMode.CERTIFIED).searchFor(selection))
                .isEqualTo(SearchMode.CERTIFIED);
    }

    /** A small CAM network with smooth ops inside (tanh after the first convolution, GELU after the third). */
    private static Network smooth(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, size, size));
        int x = b.add("conv1", conv(4, 1, Gaussian.vector(rng, 36, Math.sqrt(2.0 / 9)), rng), b.input());
        x = b.add("tanh1", new Tanh(), x);
        x = b.add("conv2", conv(4, 4, Gaussian.vector(rng, 144, Math.sqrt(2.0 / 36)), rng), x);
        x = b.add("relu2", new Relu(), x);
        x = b.add("conv3", conv(4, 4, Gaussian.vector(rng, 144, Math.sqrt(2.0 / 36)), rng), x);
        x = b.add("gelu3", new Gelu(), x);
        int gap = b.add("gap", new GlobalAvgPool(), x);
        int dense = b.add("dense", new Dense(4, 1, Gaussian.vector(rng, 4, 1.0), new double[] {0.1}), gap);
        return b.build(b.add("sigmoid", new Sigmoid(), dense));
    }

    private static Conv2d conv(int out, int in, double[] w, SplittableRandom rng) {
        return Conv2d.of(out, in, 3, 3, w, Gaussian.vector(rng, out, 0.05), Padding.symmetric(1));
    }

    @Test
    void onASmoothNetworkTheCertifiedSetsAgreeWithADenseGridOfPointEvaluations() {
        Network net = smooth(6, 24_005L);
        Selection selection = cam(net, new ReferenceMeanStatistic());
        assertThat(SelectiveTest.withDefaults().searchFor(selection)).isEqualTo(SearchMode.CERTIFIED);
        org.salientsi.api.saliency.SaliencyMethod method = selection.method();
        org.salientsi.core.eval.PointEvaluator point = selection.network().pointEvaluator();
        SplittableRandom rng = new SplittableRandom(24_006L);
        int checked = 0;
        for (int trial = 0; trial < 8 && checked < 3; trial++) {
            Observation obs = image(net, rng, trial % 2 == 0 ? 1.0 : 0);
            SelectiveResult r;
            try {
                r = SelectiveTest.withDefaults().withRange(4).run(selection, obs, Provenance.empty());
            } catch (EmptyRegionException e) {
                continue;
            }
            String what = "smooth network, image " + trial;
            assertThat(r.search()).isEqualTo("certified");
            assertThat(r.stopReason()).isEqualTo(StopReason.CERTIFIED);
            // the line of ref-mean with sigma = 1 and one reference: c = eta / |eta|^2 on the image block
            double[] eta = new ReferenceMeanStatistic().contrast(r.region(), obs).eta();
            double[] y = obs.stacked();
            int n = obs.imageSize();
            double t = 0;
            double ee = 0;
            for (int i = 0; i < y.length; i++) {
                t += eta[i] * y[i];
                ee += eta[i] * eta[i];
            }
            assertThat(r.statistic()).isCloseTo(t, org.assertj.core.api.Assertions.within(1e-12 * (1 + Math.abs(t))));
            boolean[] observed = r.region().toMask();
            double lo = r.searchRange().lo();
            double hi = r.searchRange().hi();
            int grid = 20_000;
            double h = (hi - lo) / grid;
            IntervalSet in = r.intervals();
            IntervalSet undecided = r.certified().undecided();
            IntervalSet.Builder member = IntervalSet.builder();
            int wrong = 0;
            for (int k = 0; k < grid; k++) {
                double z = lo + h * (k + 0.5);
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    double c = eta[i] / ee;
                    x[i] = y[i] - c * t + c * z;
                }
                boolean selected = selection.selector().select(method.map(point.evaluate(x))).matches(observed);
                if (selected) {
                    member.add(z - h / 2, z + h / 2);
                }
                boolean certifiedIn = in.contains(z) && !BruteForceTruncationSetTest.nearEnd(in, z);
                boolean certifiedOut = !in.contains(z) && !undecided.contains(z);
                if (selected && certifiedOut || !selected && certifiedIn) {
                    wrong++;
                }
            }
            assertThat(wrong).as("grid points certified on the wrong side, %s", what).isZero();
            // the p-value of the grid's set lies within the bounds, up to the grid's error at each end of the set
            IntervalSet z = member.build();
            double p = org.salientsi.core.stats.TruncatedNormal.of(0, r.sigmaT(), z).pValue(t, r.alternative());
            double slack = 2e-3;
            assertThat(p).as("grid p, %s, bounds %s", what, r.pBounds())
                    .isBetween(r.pBounds().lower() - slack, r.pBounds().upper() + slack);
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }

    @Test
    void anExactSearchOfASmoothNetworkAndACertifiedOneWithoutBoundsAreTypedErrorsNamingWhatIsMissing() {
        Network net = smooth(6, 24_007L);
        Selection selection = cam(net, new ReferenceMeanStatistic());
        assertThatThrownBy(() -> SelectiveTest.withDefaults().withSearch(SearchMode.EXACT).searchFor(selection))
                .isInstanceOf(UnsupportedLayerException.class).hasMessageContaining("tanh1")
                .hasMessageContaining("certified");
        Selection minmax = new Selection(selection.network(), selection.method(), new MinMaxSelector(0.5),
                new ReferenceMeanStatistic());
        assertThatThrownBy(() -> SelectiveTest.withDefaults().searchFor(minmax))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("tanh1")
                .hasMessageContaining("excludes-regions").hasMessageContaining("includes-regions");
    }

    @Test
    void aCertifiedSearchRefusesASegmentExecutorNamingIt() {
        Network net = smooth(6, 24_007L);
        Selection selection = cam(net, new ReferenceMeanStatistic());
        Observation obs = image(net, new SplittableRandom(24_008L), 1.0);
        assertThatThrownBy(() -> SelectiveTest.withDefaults().withConfidenceLevel(0).test(selection, obs,
                Provenance.empty(), org.salientsi.core.search.SegmentExecutor.local(2, 2)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("certified search")
                .hasMessageContaining("exact searches only");
    }
}
