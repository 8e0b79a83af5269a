package org.salientsi.core.testing;

import java.util.SplittableRandom;
import org.salientsi.api.ir.Add;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.AvgPool;
import org.salientsi.api.ir.BatchNorm;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.GlobalMaxPool;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.LeakyRelu;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Pad;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Slice;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.api.ir.Upsample;

/** Seeded networks built in Java for tests. */
public final class TestNetworks {

    private TestNetworks() {
    }

    /**
     * The paper's CAM architecture (Miwa et al.): conv(4, 3x3, same) ReLU, conv(4) ReLU, max pool 2,
     * conv(4) ReLU, conv(4) ReLU, nearest upsampling 2, global average pooling, dense(1), sigmoid.
     *
     * <p>With {@code passThrough} the weights are fixed by design (no seed): the first layer's filters
     * pass the centre pixel through (weights +1, -1, +0.5, -0.5), as trained networks' first layers
     * tend to, the deeper layers are identities, biases are zero, and the dense weights
     * (1, -1, 0.4, -0.4) make the CAM of each 2x2 block the largest positive pixel minus the largest
     * negative one: the selected region then depends strongly on the image, which is what makes the
     * naive test invalid. Without it, all weights are seeded He initialisations.
     *
     * @param size image side (even)
     * @param seed weight seed (used without {@code passThrough})
     * @param passThrough whether the weights pass the pixels through (fixed design)
     * @return the network
     */
    public static Network paperCam(int size, long seed, boolean passThrough) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, size, size));
        double[] w1;
        double[][] deep = new double[3][];
        double[][] bias = new double[4][];
        double[] dw;
        if (passThrough) {
            w1 = new double[4 * 9];
            double[] centre = {1.0, -1.0, 0.5, -0.5};
            for (int o = 0; o < 4; o++) {
                w1[o * 9 + 4] = centre[o];
            }
            for (int l = 0; l < 3; l++) {
                deep[l] = new double[4 * 4 * 9];
                for (int o = 0; o < 4; o++) {
                    deep[l][(o * 4 + o) * 9 + 4] = 1.0;
                }
            }
            for (int l = 0; l < 4; l++) {
                bias[l] = new double[4];
            }
            dw = new double[] {1.0, -1.0, 0.4, -0.4};
        } else {
            w1 = Gaussian.vector(rng, 4 * 9, Math.sqrt(2.0 / 9));
            for (int l = 0; l < 3; l++) {
                deep[l] = Gaussian.vector(rng, 4 * 4 * 9, Math.sqrt(2.0 / (4 * 9)));
            }
            for (int l = 0; l < 4; l++) {
                bias[l] = Gaussian.vector(rng, 4, 0.05);
            }
            dw = Gaussian.vector(rng, 4, 1.0);
        }
        int x = b.add("conv1", conv(4, 1, w1, bias[0]), b.input());
        x = b.add("relu1", new Relu(), x);
        x = b.add("conv2", conv(4, 4, deep[0], bias[1]), x);
        x = b.add("relu2", new Relu(), x);
        x = b.add("pool", MaxPool.square(2), x);
        x = b.add("conv3", conv(4, 4, deep[1], bias[2]), x);
        x = b.add("relu3", new Relu(), x);
        x = b.add("conv4", conv(4, 4, deep[2], bias[3]), x);
        x = b.add("relu4", new Relu(), x);
        x = b.add("up", Upsample.repeat(2, 2), x);
        int gap = b.add("gap", new GlobalAvgPool(), x);
        int dense = b.add("dense", new Dense(4, 1, dw, new double[] {0.1}), gap);
        return b.build(b.add("sigmoid", new Sigmoid(), dense));
    }

    private static Conv2d conv(int out, int in, double[] w, double[] bias) {
        return Conv2d.of(out, in, 3, 3, w, bias, Padding.symmetric(1));
    }

    /**
     * A network that uses every IR op on a small two-channel input: strided, dilated and grouped
     * convolutions, batch norm, leaky ReLU, max and average pooling with padding (both divisor
     * rules), zero padding, bilinear and nearest resizing, a residual add, a concat, a transpose, an
     * affine map, global max and average pooling, flatten (HWC), reshape, dense, identity and a
     * softmax output.
     *
     * @param seed weight seed
     * @return the network (input (2, 8, 8), output a 3-class softmax)
     */
    public static Network allOps(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(2, 8, 8));
        int c1 = b.add("conv-stride", new Conv2d(4, 2, 3, 3, Gaussian.vector(rng, 4 * 2 * 9, 0.5),
                Gaussian.vector(rng, 4, 0.1), 1, 1, 1, 1, Padding.symmetric(1), 1), b.input());
        int bn = b.add("bn", new BatchNorm(new double[] {1.2, 0.8, 1.0, 0.5}, new double[] {0.1, -0.2, 0.0, 0.3},
                new double[] {0.05, -0.1, 0.2, 0.0}, new double[] {1.5, 0.7, 1.0, 2.0}, 1e-5), c1);
        int lr = b.add("leaky", new LeakyRelu(0.1), bn);
        int grouped = b.add("conv-grouped", new Conv2d(4, 4, 3, 3, Gaussian.vector(rng, 4 * 2 * 9, 0.5),
                Gaussian.vector(rng, 4, 0.1), 1, 1, 2, 2, Padding.symmetric(2), 2), lr);
        int relu = b.add("relu", new Relu(), grouped);
        int res = b.add("residual", new Add(), relu, lr);
        int mp = b.add("maxpool", new MaxPool(3, 3, 2, 2, Padding.symmetric(1), false), res);
        int ap1 = b.add("avgpool-incl", new AvgPool(3, 3, 2, 2, Padding.symmetric(1), true, false), res);
        int ap2 = b.add("avgpool-excl", new AvgPool(3, 3, 2, 2, Padding.symmetric(1), false, false), res);
        int cat = b.add("concat", new Concat(), mp, ap1, ap2);
        int strided = b.add("conv-strided", new Conv2d(3, 12, 2, 2, Gaussian.vector(rng, 3 * 12 * 4, 0.4),
                Gaussian.vector(rng, 3, 0.1), 2, 2, 1, 1, Padding.of(0, 0, 1, 1), 1), cat);
        int pad = b.add("pad", new Pad(Padding.of(1, 0, 0, 1)), strided);
        int upB = b.add("up-bilinear", Upsample.bilinear(6, 6, 3, 3), pad);
        int upN = b.add("up-nearest", new Upsample(1.5, 1.5, 0, 0, Upsample.Interpolation.NEAREST,
                Upsample.CoordinateTransform.HALF_PIXEL, Upsample.NearestRounding.ROUND_PREFER_FLOOR), upB);
        int tr = b.add("transpose", new Transpose(new int[] {0, 2, 1}), upN);
        int aff = b.add("affine", new Affine(new double[] {1.5, -0.5, 2.0}, new double[] {0.1}), tr);
        int relu2 = b.add("relu2", new Relu(), aff);
        int gmp = b.add("gmp", new GlobalMaxPool(), relu2);
        int gap = b.add("gap", new GlobalAvgPool(), relu2);
        int both = b.add("pools", new Concat(), gmp, gap);
        int flat = b.add("flatten", new Flatten(Flatten.Order.HWC), relu2);
        int dense1 = b.add("dense-flat", new Dense(3 * 9 * 9, 6, Gaussian.vector(rng, 6 * 243, 0.1),
                Gaussian.vector(rng, 6, 0.1)), flat);
        int reshaped = b.add("reshape", new Reshape(TensorShape.vector(6)), both);
        int sum = b.add("sum", new Add(), reshaped, dense1);
        int id = b.add("identity", new Identity(), sum);
        int logits = b.add("logits", new Dense(6, 3, Gaussian.vector(rng, 18, 0.7), Gaussian.vector(rng, 3, 0.1)),
                id);
        return b.build(b.add("softmax", new Softmax(), logits));
    }

    /**
     * Slices along each axis between ReLU convolutions: conv(3, 3x3, same) ReLU on a 2x6x6 input, rows 1..4,
     * columns 2..5, channels 1..2, ReLU, conv(2, 3x3, same) ReLU, HWC flatten, dense(3) "logits" (piecewise
     * linear throughout).
     *
     * @param seed weight seed
     * @return the network
     */
    public static Network sliced(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(2, 6, 6));
        int x = b.add("conv1", new Conv2d(3, 2, 3, 3, Gaussian.vector(rng, 3 * 2 * 9, 0.5),
                Gaussian.vector(rng, 3, 0.1), 1, 1, 1, 1, Padding.symmetric(1), 1), b.input());
        x = b.add("relu1", new Relu(), x);
        x = b.add("rows", new Slice(1, 1, 5), x);
        x = b.add("cols", new Slice(2, 2, 6), x);
        x = b.add("channels", new Slice(0, 1, 3), x);
        x = b.add("relu2", new Relu(), x);
        x = b.add("conv2", new Conv2d(2, 2, 3, 3, Gaussian.vector(rng, 2 * 2 * 9, 0.5),
                Gaussian.vector(rng, 2, 0.1), 1, 1, 1, 1, Padding.symmetric(1), 1), x);
        x = b.add("relu3", new Relu(), x);
        x = b.add("flatten", new Flatten(Flatten.Order.HWC), x);
        return b.build(b.add("logits", new Dense(32, 3, Gaussian.vector(rng, 96, 0.3), Gaussian.vector(rng, 3, 0.1)),
                x));
    }
}
