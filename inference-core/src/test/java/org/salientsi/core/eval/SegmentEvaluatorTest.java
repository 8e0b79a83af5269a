package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.LeakyRelu;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;

/**
 * Segment bounds against the network itself: on random lines and segments of several lengths, every
 * node's value at 101 points of the segment (point evaluation, independent of the bounds) lies within
 * the bounds, on networks with every IR op the line evaluators support; the radius is zero where the
 * network is linear on the segment; a leaky ReLU slope outside [0, 1] is reported as unsupported.
 */
class SegmentEvaluatorTest {

    private static final int POINTS = 100;

    @Test
    void everyNodeLiesWithinItsBoundsOnTheWholeSegment() {
        List<Network> nets = List.of(TestNetworks.allOps(1), TestNetworks.allOps(2), TestNetworks.paperCam(8, 3, false),
                TestNetworks.paperCam(16, 4, true), TestNetworks.sliced(7));
        SplittableRandom rng = new SplittableRandom(77);
        int checked = 0;
        for (Network net : nets) {
            CompiledNetwork program = CompiledNetwork.compile(net);
            int required = net.node(net.output()).op().piecewiseLinear() ? net.output()
                    : net.node(net.output()).input(0);
            SegmentEvaluator seg = program.segmentEvaluator(required);
            assertThat(seg.supported()).isTrue();
            PointEvaluator point = program.pointEvaluator();
            int n = net.inputShape().size();
            for (int line = 0; line < 6; line++) {
                double[] a = Gaussian.vector(rng, n, 1);
                double[] c = Gaussian.vector(rng, n, 1);
                seg.setLine(a, c);
                for (double length : new double[] {1e-3, 0.05, 0.5, 3}) {
                    double from = rng.nextDouble() * 4 - 2;
                    double to = from + length;
                    seg.bound(from, to);
                    for (int k = 0; k <= POINTS; k++) {
                        double z = from + (to - from) * k / POINTS;
                        double[] x = new double[n];
                        for (int i = 0; i < n; i++) {
                            x[i] = a[i] + c[i] * z;
                        }
                        point.evaluate(x);
                        for (int id = 0; id <= required; id++) {
                            if (id == net.input()) {
                                continue;
                            }
                            double[] v = point.value(id);
                            double[] mp = seg.centreIntercept(id);
                            double[] mq = seg.centreSlope(id);
                            double[] rp = seg.radiusIntercept(id);
                            double[] rq = seg.radiusSlope(id);
                            for (int i = 0; i < v.length; i++) {
                                double m = mp[i] + mq[i] * z;
                                double r = rp[i] + rq[i] * z;
                                double tol = 1e-10 * (1 + Math.abs(m) + Math.abs(r));
                                assertThat(r).as("%s node %s unit %d radius at z = %s", net, net.node(id).name(), i, z)
                                        .isGreaterThanOrEqualTo(-tol);
                                assertThat(Math.abs(v[i] - m)).as("%s node %s unit %d at z = %s in [%s, %s]", net,
                                        net.node(id).name(), i, z, from, to).isLessThanOrEqualTo(r + tol);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(500_000);
    }

    @Test
    void boundsAreExactWhereTheSegmentStaysOnOnePiece() {
        Network net = TestNetworks.paperCam(8, 3, false);
        CompiledNetwork program = CompiledNetwork.compile(net);
        int required = net.node(net.output()).input(0);
        SegmentEvaluator seg = program.segmentEvaluator(required);
        LineEvaluator line = program.lineEvaluator(required);
        SplittableRandom rng = new SplittableRandom(5);
        double[] a = Gaussian.vector(rng, 64, 1);
        double[] c = Gaussian.vector(rng, 64, 1);
        seg.setLine(a, c);
        line.setLine(a, c);
        line.evaluate(0.0);
        double hi = Math.min(line.upper(), 1.0);
        seg.bound(0.0, hi * 0.5);
        double[] rp = seg.radiusIntercept(required);
        double[] rq = seg.radiusSlope(required);
        for (int i = 0; i < rp.length; i++) {
            assertThat(rp[i]).isZero();
            assertThat(rq[i]).isZero();
            assertThat(seg.centreIntercept(required)[i]).isCloseTo(line.intercept(required)[i],
                    org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void leakyReluSlopeOutsideTheUnitIntervalIsUnsupported() {
        org.salientsi.api.ir.Network.Builder b = Network.builder(TensorShape.of(1, 2, 2));
        int l = b.add("leaky", new LeakyRelu(-0.5), b.input());
        Network net = b.build(l);
        SegmentEvaluator seg = CompiledNetwork.compile(net).segmentEvaluator(l);
        assertThat(seg.supported()).isFalse();
    }
}
