package org.salientsi.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.LineEvaluator;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.eval.SegmentEvaluator;

/**
 * What every backend must satisfy (DESIGN.md section 3): the IR's forward pass equals the backend's
 * native runtime, line evaluation equals point evaluation inside every linear piece, and the pieces
 * tile the searched range with no gap or overlap (piecewise-linear models), and the output's bounds over
 * segments of a line contain its values there (every model, smooth ones included: the certified search's
 * ground).
 *
 * <p>A backend's test extends this class and supplies its models; each model is checked on a few
 * seeded random images and lines.
 */
public abstract class BackendConformanceKit {

    /** A model under test with a label for messages. */
    public record Case(String label, LoadedModel model) {
    }

    /** @return the models to check (closed by the kit's caller, not by the kit) */
    protected abstract List<Case> cases();

    /**
     * @return the largest allowed |IR - native| relative to the native output's largest magnitude
     *     (1e-10 for a runtime in double precision, 1e-5 in float32)
     */
    protected abstract double forwardTolerance();

    /**
     * @return the smallest output scale that errors are measured against (for example 1.0 for
     *     probabilities from a float32 runtime, whose saturated sigmoid outputs are tiny)
     */
    protected double outputScaleFloor() {
        return Double.MIN_NORMAL;
    }

    /**
     * @param c a model under test
     * @return the image shapes to check it at (default: its own; dynamic models may add others)
     */
    protected List<ImageShape> shapes(Case c) {
        return List.of(c.model().imageShape());
    }

    /** @return images per model */
    protected int imagesPerModel() {
        return 3;
    }

    /** @return half-width of the line range explored, in units of the direction's length */
    protected double lineRange() {
        return 5.0;
    }

    private static Image randomImage(ImageShape shape, SplittableRandom rng) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = gaussian(rng);
        }
        return Image.of(shape, v);
    }

    /** A random direction of unit length for images of {@code shape} (CHW). */
    private static double[] unitDirection(ImageShape shape, SplittableRandom rng) {
        double[] dir = randomImage(shape, rng).toChw();
        double norm = 0;
        for (double d : dir) {
            norm += d * d;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < dir.length; i++) {
            dir[i] /= norm;
        }
        return dir;
    }

    /** The input {@code a + dir t} on the line. */
    private static double[] pointOnLine(double[] a, double[] dir, double t) {
        double[] x = new double[a.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = a[i] + dir[i] * t;
        }
        return x;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
    }

    /** The nodes that line evaluation must cover: the output, or the input of a final sigmoid/softmax. */
    private static int[] lineNodes(Network net) {
        Node out = net.node(net.output());
        return out.op().piecewiseLinear() ? new int[] {out.id()} : out.inputs();
    }

    @Test
    void irForwardEqualsNativeRuntime() {
        SplittableRandom rng = new SplittableRandom(20261123L);
        for (Case c : cases()) {
            for (ImageShape shape : shapes(c)) {
                CompiledNetwork program = CompiledNetwork.compile(c.model().network(shape));
                PointEvaluator eval = program.pointEvaluator();
                for (int k = 0; k < imagesPerModel(); k++) {
                    Image image = randomImage(shape, rng);
                    double[] ir = eval.evaluate(image.toChw()).value(program.network().output()).clone();
                    double[] nat = c.model().predict(image);
                    assertThat(ir).as("%s output length", c.label()).hasSameSizeAs(nat);
                    double scale = 0;
                    double err = 0;
                    for (int i = 0; i < ir.length; i++) {
                        scale = Math.max(scale, Math.abs(nat[i]));
                        err = Math.max(err, Math.abs(ir[i] - nat[i]));
                    }
                    assertThat(err)
                            .as("%s %s image %d: max |IR - native| (native scale %s)", c.label(), shape, k, scale)
                            .isLessThanOrEqualTo(forwardTolerance() * Math.max(scale, outputScaleFloor()));
                }
            }
        }
    }

    @Test
    void lineEvaluationEqualsPointEvaluationInsidePiecesAndPiecesTileTheRange() {
        SplittableRandom rng = new SplittableRandom(7L);
        for (Case c : cases()) {
            for (ImageShape shape : shapes(c)) {
                Network net = c.model().network(shape);
                CompiledNetwork program = CompiledNetwork.compile(net);
                int[] required = lineNodes(net);
                if (!program.piecewiseLinear(required)) {
                    continue; // smooth ops before the output: no linear pieces (segment bounds are checked below)
                }
                LineEvaluator line = program.lineEvaluator(required);
                PointEvaluator point = program.pointEvaluator();
                for (int k = 0; k < imagesPerModel(); k++) {
                    double[] a = randomImage(shape, rng).toChw();
                    double[] dir = unitDirection(shape, rng);
                    line.setLine(a, dir);
                    double zMin = -lineRange();
                    double zMax = lineRange();
                    double z = zMin;
                    List<double[]> pieces = new ArrayList<>();
                    while (z < zMax) {
                        line.evaluate(z);
                        double lo = line.lower();
                        double hi = line.upper();
                        assertThat(lo).as("%s: piece lower end <= z", c.label()).isLessThanOrEqualTo(z);
                        assertThat(hi).as("%s: piece upper end > z", c.label()).isGreaterThan(z);
                        double end = Math.min(hi, zMax);
                        pieces.add(new double[] {z, end});
                        // a random point strictly inside [z, end]
                        double t = z + (end - z) * (0.05 + 0.9 * rng.nextDouble());
                        point.evaluate(pointOnLine(a, dir, t));
                        for (int node = 0; node < net.size(); node++) {
                            if (line.evaluates(node)) {
                                checkNode(c.label(), line, point, node, t);
                            }
                        }
                        assertThat(pieces.size()).as("%s: pieces", c.label()).isLessThan(1_000_000);
                        z = end;
                    }
                    assertThat(pieces.get(0)[0]).isEqualTo(zMin);
                    for (int i = 1; i < pieces.size(); i++) {
                        assertThat(pieces.get(i)[0]).as("%s: piece %d starts where piece %d ends", c.label(), i, i - 1)
                                .isEqualTo(pieces.get(i - 1)[1]);
                    }
                    assertThat(pieces.get(pieces.size() - 1)[1]).isEqualTo(zMax);
                }
            }
        }
    }

    /**
     * For every model, piecewise linear or smooth: the bounds of the output over a segment of a random line
     * ({@link SegmentEvaluator}) contain the point evaluations at points spread over the segment, for segments
     * from wide (loose bounds) to narrow.
     */
    @Test
    void segmentBoundsOfTheOutputContainPointEvaluationsOnTheSegment() {
        SplittableRandom rng = new SplittableRandom(20261207L);
        double[] widths = {lineRange(), 0.1, 1e-3};
        for (Case c : cases()) {
            for (ImageShape shape : shapes(c)) {
                Network net = c.model().network(shape);
                CompiledNetwork program = CompiledNetwork.compile(net);
                int out = net.output();
                if (!program.segmentBoundsSupported(out)) {
                    continue;
                }
                SegmentEvaluator bounds = program.segmentEvaluator(out);
                PointEvaluator point = program.pointEvaluator();
                for (int k = 0; k < imagesPerModel(); k++) {
                    double[] a = randomImage(shape, rng).toChw();
                    double[] dir = unitDirection(shape, rng);
                    bounds.setLine(a, dir);
                    for (double width : widths) {
                        double from = -lineRange() + (2 * lineRange() - width) * rng.nextDouble();
                        double to = from + width;
                        bounds.bound(from, to);
                        double[] mp = bounds.centreIntercept(out).clone();
                        double[] mq = bounds.centreSlope(out).clone();
                        double[] rp = bounds.radiusIntercept(out).clone();
                        double[] rq = bounds.radiusSlope(out).clone();
                        for (int j = 0; j <= 20; j++) {
                            double t = from + width * j / 20.0;
                            double[] v = point.evaluate(pointOnLine(a, dir, t)).value(out);
                            double scale = 0; // rounding is relative to the output's scale, not to a unit near 0
                            for (double vi : v) {
                                scale = Math.max(scale, Math.abs(vi));
                            }
                            for (int i = 0; i < v.length; i++) {
                                double centre = mp[i] + mq[i] * t;
                                double radius = rp[i] + rq[i] * t;
                                double slack = 1e-9 * (Math.abs(centre) + Math.abs(radius) + scale) + 1e-300;
                                assertThat(Math.abs(v[i] - centre))
                                        .as("%s %s image %d, segment [%s, %s], z = %s, output %d: |value - centre| "
                                                + "<= radius %s", c.label(), shape, k, from, to, t, i, radius)
                                        .isLessThanOrEqualTo(radius + slack);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void checkNode(String label, LineEvaluator line, PointEvaluator point, int node, double t) {
        double[] p = line.intercept(node);
        double[] q = line.slope(node);
        double[] v = point.value(node);
        double scale = 1e-300;
        double err = 0;
        for (int i = 0; i < v.length; i++) {
            scale = Math.max(scale, Math.abs(v[i]) + Math.abs(p[i]) + Math.abs(q[i] * t));
            err = Math.max(err, Math.abs(p[i] + q[i] * t - v[i]));
        }
        assertThat(err).as("%s node %d at z = %s: |p + q z - point| (scale %s)", label, node, t, scale)
                .isLessThanOrEqualTo(1e-9 * scale);
    }
}
