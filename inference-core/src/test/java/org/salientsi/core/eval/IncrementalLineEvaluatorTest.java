package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;

/**
 * The incremental walk against two references: inside every piece it reaches, every node's
 * {@code p + q z} equals a direct forward pass at a random interior point (point evaluation, no line
 * evaluation at all); and its breakpoints are those of the full-pass walk ({@link LineEvaluator}), up to
 * rounding, with and without periodic full passes (and exactly, with a full pass at every breakpoint).
 * Every IR op is covered ({@code allOps}: strided,
 * dilated and grouped convolutions, dense, average and max pooling with padding, global pooling,
 * resizing, padding, concat, transpose, residual add, batch norm, leaky ReLU; slicing in {@code sliced}),
 * and the paper's CAM architecture with pass-through and with random weights.
 */
class IncrementalLineEvaluatorTest {

    private static final double RANGE = 8;

    @Test
    void everyPieceOfEveryOpEqualsPointEvaluationInsideIt() {
        for (Network net : networks()) {
            walkAgainstPoints(net, 3, 41, Integer.MAX_VALUE);
            walkAgainstPoints(net, 2, 42, 7);
        }
    }

    @Test
    void breakpointsEqualThoseOfTheFullPassWalk() {
        int lines = 0;
        for (Network net : networks()) {
            lines += compareWithFullPass(net, 3, 51, Integer.MAX_VALUE, false);
            lines += compareWithFullPass(net, 2, 52, IncrementalLineEvaluator.DEFAULT_REFRESH, false);
        }
        assertThat(lines).isEqualTo(30);
    }

    @Test
    void aFullPassAtEveryBreakpointIsTheFullPassWalkExactly() {
        for (Network net : networks()) {
            compareWithFullPass(net, 2, 61, 1, true);
        }
    }

    @Test
    void stoppingShortOfTheNextBreakpointChangesNothingAndSkippingOneIsRefused() {
        Network net = TestNetworks.paperCam(8, 3, false);
        CompiledNetwork program = CompiledNetwork.compile(net);
        IncrementalLineEvaluator line = program.incrementalLineEvaluator(required(net));
        SplittableRandom rng = new SplittableRandom(71);
        int n = net.inputShape().size();
        line.setLine(Gaussian.vector(rng, n, 1), Gaussian.vector(rng, n, 1.0 / Math.sqrt(n)));
        line.evaluate(-1);
        double next = line.networkUpper();
        assertThat(next).isGreaterThan(-1).isLessThan(Double.POSITIVE_INFINITY);
        int node = required(net);
        double[] p = line.intercept(node).clone();
        double[] q = line.slope(node).clone();
        double mid = -1 + 0.5 * (next - -1);
        line.advance(mid);
        assertThat(line.z()).isEqualTo(mid);
        assertThat(line.networkUpper()).isEqualTo(next);
        assertThat(line.intercept(node)).containsExactly(p);
        assertThat(line.slope(node)).containsExactly(q);
        assertThat(line.breakpoints()).isZero();
        assertThatThrownBy(() -> line.advance(Math.nextUp(next))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skip");
        assertThatThrownBy(() -> line.advance(-2)).isInstanceOf(IllegalArgumentException.class);
        line.advance(next);
        assertThat(line.breakpoints()).isOne();
        assertThat(line.networkUpper()).isGreaterThan(next);
    }

    private static List<Network> networks() {
        return List.of(TestNetworks.allOps(3), TestNetworks.allOps(4), TestNetworks.paperCam(8, 1, true),
                TestNetworks.paperCam(16, 2, false), TestNetworks.paperCam(12, 9, false), TestNetworks.sliced(6));
    }

    /** The last node before the output activation (the line cannot cross a sigmoid or softmax). */
    private static int required(Network net) {
        return net.node(net.output()).op().piecewiseLinear() ? net.output() : net.node(net.output()).input(0);
    }

    private static void walkAgainstPoints(Network net, int lines, long seed, int refresh) {
        CompiledNetwork program = CompiledNetwork.compile(net);
        IncrementalLineEvaluator line = program.incrementalLineEvaluator(required(net));
        line.setRefreshInterval(refresh);
        PointEvaluator point = program.pointEvaluator();
        SplittableRandom rng = new SplittableRandom(seed);
        int n = net.inputShape().size();
        for (int l = 0; l < lines; l++) {
            double[] a = Gaussian.vector(rng, n, 1);
            double[] c = Gaussian.vector(rng, n, 1.0 / Math.sqrt(n));
            line.setLine(a, c);
            double z = -RANGE;
            line.evaluate(z);
            int pieces = 0;
            while (z < RANGE) {
                if (pieces > 0) {
                    line.advance(z);
                }
                double hi = line.upper();
                assertThat(line.lower()).isLessThanOrEqualTo(z);
                assertThat(hi).isGreaterThan(z);
                double end = Math.min(hi, RANGE);
                double t = z + (end - z) * (0.1 + 0.8 * rng.nextDouble());
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = a[i] + c[i] * t;
                }
                point.evaluate(x);
                for (int node = 0; node < net.size(); node++) {
                    if (!line.evaluates(node)) {
                        continue;
                    }
                    double[] p = line.intercept(node);
                    double[] q = line.slope(node);
                    double[] v = point.value(node);
                    // incremental updates leave rounding of the node's magnitude (a value that should
                    // cancel to 0 may keep 1e-16 of it): the tolerance is relative to the unit and the node
                    double nodeScale = 0;
                    for (int i = 0; i < v.length; i++) {
                        nodeScale = Math.max(nodeScale, Math.abs(v[i]));
                    }
                    for (int i = 0; i < v.length; i++) {
                        double scale = Math.abs(p[i]) + Math.abs(q[i] * t) + Math.abs(v[i]) + 1e-3 * nodeScale
                                + 1e-300;
                        assertThat(Math.abs(p[i] + q[i] * t - v[i]))
                                .as("%s: node %s unit %d at z = %s (piece %d)", net, net.node(node).name(), i, t,
                                        pieces)
                                .isLessThanOrEqualTo(1e-9 * scale);
                    }
                }
                pieces++;
                z = end;
            }
            assertThat(pieces).as("a non-trivial number of pieces").isGreaterThan(3);
            assertThat(line.residualFailures()).as("root checks failed").isZero();
        }
    }

    /**
     * Walks the same lines with both evaluators and compares their breakpoints; pieces narrower than
     * rounding (where the two computations of one root land on either side of a point) are merged first.
     *
     * @return the number of lines compared
     */
    private static int compareWithFullPass(Network net, int lines, long seed, int refresh, boolean exact) {
        CompiledNetwork program = CompiledNetwork.compile(net);
        IncrementalLineEvaluator inc = program.incrementalLineEvaluator(required(net));
        inc.setRefreshInterval(refresh);
        LineEvaluator full = program.lineEvaluator(required(net));
        SplittableRandom rng = new SplittableRandom(seed);
        int n = net.inputShape().size();
        for (int l = 0; l < lines; l++) {
            double[] a = Gaussian.vector(rng, n, 1);
            double[] c = Gaussian.vector(rng, n, 1.0 / Math.sqrt(n));
            inc.setLine(a, c);
            full.setLine(a, c);
            List<Double> fromFull = new ArrayList<>();
            double z = -RANGE;
            while (z < RANGE) {
                full.evaluate(z);
                z = full.upper();
                fromFull.add(z);
            }
            List<Double> fromInc = new ArrayList<>();
            z = -RANGE;
            inc.evaluate(z);
            while (z < RANGE) {
                if (z > -RANGE) {
                    inc.advance(z);
                }
                z = inc.networkUpper();
                fromInc.add(z);
            }
            if (exact) {
                assertThat(fromInc).as("%s, line %d", net, l).isEqualTo(fromFull);
                continue;
            }
            List<Double> f = merged(fromFull);
            List<Double> i = merged(fromInc);
            assertThat(i).as("%s, line %d: breakpoints", net, l).hasSameSizeAs(f);
            for (int k = 0; k < f.size(); k++) {
                double e = f.get(k);
                if (e >= RANGE) {
                    assertThat(i.get(k)).isGreaterThanOrEqualTo(RANGE);
                    continue;
                }
                assertThat(Math.abs(i.get(k) - e)).as("%s, line %d, breakpoint %d", net, l, k)
                        .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(e)));
            }
            assertThat(inc.residualFailures()).isZero();
        }
        return lines;
    }

    /** Drops breakpoints that follow the previous one by less than rounding. */
    private static List<Double> merged(List<Double> breakpoints) {
        List<Double> out = new ArrayList<>();
        double last = -RANGE;
        for (double b : breakpoints) {
            if (b - last > 1e-12 * Math.max(1, Math.abs(b))) {
                out.add(b);
            }
            last = b;
        }
        return out;
    }
}
