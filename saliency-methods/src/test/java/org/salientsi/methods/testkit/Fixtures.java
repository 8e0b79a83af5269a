package org.salientsi.methods.testkit;

import java.util.SplittableRandom;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Upsample;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.testing.Gaussian;

/** Test networks and independent references (finite differences of the point evaluator). */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * A multi-class head on a two-channel input: conv(4, 3x3) ReLU, max pool 2, conv(4, 3x3) ReLU,
     * nearest upsampling 2, global average pooling, dense(3), softmax.
     *
     * @param size image side (even)
     * @param seed weight seed
     * @return the network
     */
    public static Network twoChannelClassifier(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(2, size, size));
        int x = b.add("conv1", Conv2d.of(4, 2, 3, 3, Gaussian.vector(rng, 72, 0.5), Gaussian.vector(rng, 4, 0.1),
                Padding.symmetric(1)), b.input());
        x = b.add("relu1", new Relu(), x);
        x = b.add("pool", MaxPool.square(2), x);
        x = b.add("conv2", Conv2d.of(4, 4, 3, 3, Gaussian.vector(rng, 144, 0.4), Gaussian.vector(rng, 4, 0.1),
                Padding.symmetric(1)), x);
        x = b.add("relu2", new Relu(), x);
        x = b.add("up", Upsample.repeat(2, 2), x);
        int gap = b.add("gap", new GlobalAvgPool(), x);
        double[] w = {1.0, -1.0, 0.5, -0.2, -1.0, 1.0, 0.2, 0.5, 0.3, 0.3, -0.8, 0.8};
        int dense = b.add("logits", new Dense(4, 3, w, Gaussian.vector(rng, 3, 0.2)), gap);
        return b.build(b.add("softmax", new Softmax(), dense));
    }

    /**
     * A classifier without global pooling: conv(3, 3x3) ReLU ("features"), conv(3, 3x3) ReLU, max pool 2,
     * flatten, dense(2).
     *
     * @param size image side (even)
     * @param seed weight seed
     * @return the network
     */
    public static Network flattenClassifier(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, size, size));
        int x = b.add("conv1", Conv2d.of(3, 1, 3, 3, Gaussian.vector(rng, 27, 0.6), Gaussian.vector(rng, 3, 0.1),
                Padding.symmetric(1)), b.input());
        x = b.add("features", new Relu(), x);
        x = b.add("conv2", Conv2d.of(3, 3, 3, 3, Gaussian.vector(rng, 81, 0.4), Gaussian.vector(rng, 3, 0.1),
                Padding.symmetric(1)), x);
        x = b.add("relu2", new Relu(), x);
        x = b.add("pool", MaxPool.square(2), x);
        int n = b.shape(x).size();
        x = b.add("flat", new Flatten(Flatten.Order.CHW), x);
        return b.build(b.add("logits", new Dense(n, 2, Gaussian.vector(rng, 2 * n, 0.3), Gaussian.vector(rng, 2, 0.1)),
                x));
    }

    /**
     * Central finite differences of one unit of a node with respect to the input.
     *
     * @param net the network
     * @param node the node
     * @param unit the unit
     * @param x the point (CHW)
     * @param step the difference step (small enough to cross no kink)
     * @return the gradient estimate
     */
    public static double[] finiteDifference(Network net, int node, int unit, double[] x, double step) {
        PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
        double[] probe = x.clone();
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            probe[i] = x[i] + step;
            double plus = eval.evaluate(probe).value(node)[unit];
            probe[i] = x[i] - step;
            double minus = eval.evaluate(probe).value(node)[unit];
            probe[i] = x[i];
            g[i] = (plus - minus) / (2 * step);
        }
        return g;
    }

    /**
     * @param net the network
     * @param node a node
     * @param x an input (CHW)
     * @return the node's value at the input (a copy)
     */
    public static double[] value(Network net, int node, double[] x) {
        return CompiledNetwork.compile(net).pointEvaluator().evaluate(x).value(node).clone();
    }

    /**
     * Bilinear resizing with half-pixel centres of a square map, written from the definition: output
     * pixel {@code x} samples source coordinate {@code (x + 0.5) in / out - 0.5}, clamped to the input.
     *
     * @param low {@code in x in} values
     * @param in input side
     * @param out output side
     * @return {@code out x out} values
     */
    public static double[] halfPixelBilinear(double[] low, int in, int out) {
        double[] map = new double[out * out];
        double scale = (double) in / out;
        for (int h = 0; h < out; h++) {
            for (int w = 0; w < out; w++) {
                double sy = Math.min(in - 1, Math.max(0, (h + 0.5) * scale - 0.5));
                double sx = Math.min(in - 1, Math.max(0, (w + 0.5) * scale - 0.5));
                int y0 = (int) Math.floor(sy);
                int x0 = (int) Math.floor(sx);
                int y1 = Math.min(y0 + 1, in - 1);
                int x1 = Math.min(x0 + 1, in - 1);
                double fy = sy - y0;
                double fx = sx - x0;
                map[h * out + w] = (1 - fy) * ((1 - fx) * low[y0 * in + x0] + fx * low[y0 * in + x1])
                        + fy * ((1 - fx) * low[y1 * in + x0] + fx * low[y1 * in + x1]);
            }
        }
        return map;
    }
}
