package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Upsample;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;
import org.salientsi.core.search.TruncationSets;
import org.salientsi.core.statistic.InImageContrastStatistic;
import org.salientsi.core.statistic.ReferenceAbsStatistic;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * The incremental search against the full-pass search it replaces (the reference implementation,
 * {@code withIncremental(false)}): on every test network, for every statistic and alternative, the
 * truncation sets agree up to rounding (interval ends within {@code 1e-9 max(1, |end|)}, after merging
 * gaps and intervals narrower than rounding), and so do the p-values, the bounds of early stops and the
 * confidence intervals. The networks: the paper's CAM architecture (pass-through and random weights,
 * 8x8 to 16x16), a multi-class head whose arg-max target joins the selection event, and
 * {@link TestNetworks#allOps} (every IR op) with a saliency method of its own that reads an early and
 * the last node. The paper's trained models are compared in the benchmarks module.
 */
class IncrementalSearchTest {

    private static final long SEED = 7_020_611L;
    private static final double TOL = 1e-9;

    @Test
    void truncationSetsEqualTheFullPassSearchOnEveryTestNetwork() {
        List<Case> cases = new ArrayList<>();
        for (long seed : new long[] {1, 2}) {
            cases.add(cam(TestNetworks.paperCam(8, seed, true)));
        }
        for (long seed : new long[] {3, 4, 5}) {
            cases.add(cam(TestNetworks.paperCam(8 + 4 * (int) (seed - 3), seed, false)));
        }
        cases.add(cam(multiClass(8, 6)));
        cases.add(allOps(TestNetworks.allOps(3)));
        cases.add(allOps(TestNetworks.allOps(4)));
        TestStatistic[] statistics = {new ReferenceMeanStatistic(), new ReferenceAbsStatistic(),
            new InImageContrastStatistic()};
        SplittableRandom rng = new SplittableRandom(SEED);
        int compared = 0;
        for (Case c : cases) {
            for (TestStatistic statistic : statistics) {
                Selection selection = new Selection(CompiledNetwork.compile(c.net), c.method,
                        new ThresholdSelector(c.threshold), statistic);
                for (Alternative alt : new Alternative[] {Alternative.TWO_SIDED, Alternative.ABS}) {
                    SelectiveTest incremental = SelectiveTest.withDefaults().with(alt).withConfidenceLevel(0);
                    compared += compare(selection, incremental, c.net, rng, 2, c.net + " " + statistic.name());
                }
            }
        }
        assertThat(compared).as("searches compared").isGreaterThanOrEqualTo(80);
    }

    @Test
    void earlyStopsAndConfidenceIntervalsEqualTheFullPassSearch() {
        Network net = TestNetworks.paperCam(12, 11, false);
        Selection selection = new Selection(CompiledNetwork.compile(net),
                new CamMethod.Provider().create(net, Parameters.empty()), new ThresholdSelector(0),
                new ReferenceMeanStatistic());
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        int compared = 0;
        for (Termination termination : new Termination[] {Termination.decision(0.05), Termination.precision(1e-3),
            Termination.exhaustive()}) {
            // no skipping: its adaptive schedule would turn rounding-level differences into other stops
            SelectiveTest incremental = SelectiveTest.withDefaults().withTermination(termination)
                    .withSkipping(SegmentSkipping.NEVER);
            compared += compare(selection, incremental, net, rng, 4, termination.toString());
        }
        assertThat(compared).isEqualTo(12);
    }

    @Test
    void theWalkAllocatesNothingPerPiece() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "the JVM counts allocated bytes per thread");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Network net = TestNetworks.paperCam(16, 12, false);
        Selection selection = new Selection(CompiledNetwork.compile(net),
                new CamMethod.Provider().create(net, Parameters.empty()), new ThresholdSelector(0),
                new ReferenceMeanStatistic());
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        Observation obs = null;
        // walking only: certifying segments allocates its bounds once per search, which this does not study
        SelectiveTest wide = SelectiveTest.withDefaults().withConfidenceLevel(0).withRange(20)
                .withSkipping(SegmentSkipping.NEVER);
        SelectiveTest narrow = wide.withRange(0.5);
        while (obs == null) {
            Observation o = Observation.of(Image.grey(16, 16, Gaussian.vector(rng, 256, 1)),
                    Image.grey(16, 16, Gaussian.vector(rng, 256, 1)));
            try {
                narrow.run(selection, o, Provenance.empty());
                obs = o;
            } catch (EmptyRegionException e) {
                obs = null;
            }
        }
        long[] bytes = new long[2];
        long[] pieces = new long[2];
        for (int round = 0; round < 40; round++) {
            for (int k = 0; k < 2; k++) {
                long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                SelectiveResult r = (k == 0 ? wide : narrow).run(selection, obs, Provenance.empty());
                bytes[k] = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
                pieces[k] = r.pieces();
            }
        }
        assertThat(pieces[0] - pieces[1]).as("pieces the wide search adds").isGreaterThan(100);
        // per-search buffers are the same in both; the difference is what the extra pieces allocate
        double perPiece = (double) (bytes[0] - bytes[1]) / (pieces[0] - pieces[1]);
        assertThat(perPiece).as("bytes allocated per piece (%s and %s bytes for %s and %s pieces)", bytes[0],
                bytes[1], pieces[0], pieces[1]).isLessThan(8.0);
    }

    /** Runs both searches on {@code images} null images; returns how many were compared. */
    private static int compare(Selection selection, SelectiveTest incremental, Network net, SplittableRandom rng,
                               int images, String label) {
        TensorShape in = net.inputShape();
        ImageShape shape = ImageShape.of(in.height(), in.width(), in.channels());
        SelectiveTest full = incremental.withIncremental(false);
        assertThat(incremental.incremental()).isTrue();
        assertThat(full.incremental()).isFalse();
        int done = 0;
        int attempts = 0;
        while (done < images) {
            assertThat(attempts++).as("%s: draws with a usable region", label).isLessThan(50);
            Image x = Image.of(null, shape, Gaussian.vector(rng, shape.size(), 1));
            Image r = Image.of(null, shape, Gaussian.vector(rng, shape.size(), 1));
            Observation obs = Observation.of(x, r);
            SelectiveResult a;
            try {
                a = incremental.run(selection, obs, Provenance.empty());
            } catch (EmptyRegionException e) {
                continue; // an empty region, or one without background for the contrast: redraw
            }
            SelectiveResult b = full.run(selection, obs, Provenance.empty());
            String what = label + ", image " + done;
            TruncationSets.assertSame(a.intervals(), b.intervals(), TOL, what);
            assertThat(a.stopReason()).as(what).isEqualTo(b.stopReason());
            assertClose(a.selectiveP(), b.selectiveP(), what + ": selective p");
            assertClose(a.ocP(), b.ocP(), what + ": OC p");
            assertClose(a.pBounds().lower(), b.pBounds().lower(), what + ": lower bound");
            assertClose(a.pBounds().upper(), b.pBounds().upper(), what + ": upper bound");
            for (int k = 0; k < 2; k++) {
                Double ea = a.ci().end(k);
                Double eb = b.ci().end(k);
                assertThat(ea == null).as(what + ": CI end " + k + " bounded").isEqualTo(eb == null);
                if (ea != null) {
                    assertClose(ea, eb, what + ": CI end " + k);
                }
            }
            done++;
        }
        return done;
    }

    private static void assertClose(double a, double b, String what) {
        assertThat(Math.abs(a - b)).as("%s: %s vs %s", what, a, b).isLessThanOrEqualTo(1e-7 * Math.max(1,
                Math.abs(b)));
    }

    private record Case(Network net, SaliencyMethod method, double threshold) {
    }

    private static Case cam(Network net) {
        return new Case(net, new CamMethod.Provider().create(net, Parameters.empty()), 0);
    }

    /** The threshold is the median of the map of one seeded image, so that regions are neither empty nor full. */
    private static Case allOps(Network net) {
        TwoNodeMethod method = new TwoNodeMethod(net);
        double[] x = Gaussian.vector(new SplittableRandom(SEED - 1), net.inputShape().size(), 1);
        double[] values = method.map(CompiledNetwork.compile(net).pointEvaluator().evaluate(x)).values().clone();
        java.util.Arrays.sort(values);
        return new Case(net, method, values[values.length / 2]);
    }

    /**
     * The paper's architecture with a three-class head (softmax output): CAM explains the arg-max class,
     * whose decision joins the selection event.
     */
    private static Network multiClass(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, size, size));
        int x = b.add("conv1", Conv2d.of(4, 1, 3, 3, Gaussian.vector(rng, 36, 0.5), Gaussian.vector(rng, 4, 0.05),
                Padding.symmetric(1)), b.input());
        x = b.add("relu1", new Relu(), x);
        x = b.add("pool", MaxPool.square(2), x);
        x = b.add("conv2", Conv2d.of(4, 4, 3, 3, Gaussian.vector(rng, 144, 0.3), Gaussian.vector(rng, 4, 0.05),
                Padding.symmetric(1)), x);
        x = b.add("relu2", new Relu(), x);
        x = b.add("up", Upsample.repeat(2, 2), x);
        int gap = b.add("gap", new GlobalAvgPool(), x);
        int logits = b.add("logits", new Dense(4, 3, Gaussian.vector(rng, 12, 1.0), Gaussian.vector(rng, 3, 0.1)),
                gap);
        return b.build(b.add("softmax", new Softmax(), logits));
    }

    /**
     * A piecewise-linear map for {@link TestNetworks#allOps}, whose input is 2x8x8: the alternating channel
     * sum of the residual block (8x8) plus half the logit of the arg-max class, which joins the selection
     * event.
     * Every op of the network lies below one of the two nodes it reads.
     */
    private static final class TwoNodeMethod implements SaliencyMethod {
        private final int residual;
        private final int logits;
        private final int channels;
        private final int plane;
        private final int classes;

        TwoNodeMethod(Network net) {
            this.residual = net.node("residual").orElseThrow().id();
            this.logits = net.node("logits").orElseThrow().id();
            this.channels = net.node(residual).shape().channels();
            this.plane = net.node(residual).shape().plane();
            this.classes = net.node(logits).shape().size();
        }

        @Override
        public String name() {
            return "residual+logit";
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(Capabilities.PIECEWISE_LINEAR);
        }

        @Override
        public int[] requiredNodes() {
            return new int[] {residual, logits};
        }

        @Override
        public SaliencyMap map(PointEvaluation at) {
            double[] l = at.value(logits);
            int target = 0;
            for (int k = 1; k < classes; k++) {
                if (l[k] > l[target]) {
                    target = k;
                }
            }
            double[] out = new double[plane];
            combine(at.value(residual), l[target], out);
            return new SaliencyMap(8, 8, out, target, true);
        }

        @Override
        public boolean lineMap(Piece line, SaliencyMap observed, LinearMap map) {
            double[] p = map.p();
            double[] q = map.q();
            double[] lp = line.intercept(logits);
            double[] lq = line.slope(logits);
            int target = line.argmax(lp, lq, 0, classes, 1);
            combine(line.intercept(residual), lp[observed.target()], p);
            combine(line.slope(residual), lq[observed.target()], q);
            return target == observed.target();
        }

        private void combine(double[] f, double logit, double[] out) {
            for (int i = 0; i < plane; i++) {
                double s = 0.5 * logit;
                for (int c = 0; c < channels; c++) {
                    s += (c % 2 == 0 ? 1 : -1) * f[c * plane + i];
                }
                out[i] = s;
            }
        }
    }
}
