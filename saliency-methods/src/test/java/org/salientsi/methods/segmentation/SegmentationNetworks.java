package org.salientsi.methods.segmentation;

import java.util.SplittableRandom;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Upsample;
import org.salientsi.core.testing.Gaussian;

/** Small seeded U-Nets built in Java for the segmentation tests. */
final class SegmentationNetworks {

    private SegmentationNetworks() {
    }

    /**
     * A one-level U-Net on (1, size, size) images: conv 3x3 pad 1 (3 filters), ReLU ("skip"); max pool 2;
     * conv 3x3 pad 1 (4 filters), ReLU ("mid"); transposed convolution k2 s2 (3 filters), ReLU; concatenated
     * with the skip; conv 3x3 pad 1 to {@code classes} logit planes ("logit"); a sigmoid ("output").
     *
     * @param size image side, even
     * @param classes logit channels
     * @param seed weight seed
     * @return the network
     */
    static Network unet(int size, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, size, size));
        int skip = b.add("skip", new Relu(), b.add("enc", conv(rng, 3, 1), b.input()));
        int mid = b.add("mid", new Relu(), b.add("mid/conv", conv(rng, 4, 3), b.add("pool", MaxPool.square(2), skip)));
        int up = b.add("up", new Relu(), b.add("up/convt", ConvTranspose.of(3, 4, 2, 2,
                Gaussian.vector(rng, 4 * 3 * 4, 0.5), Gaussian.vector(rng, 3, 0.1), 2), mid));
        int cat = b.add("cat", new Concat(), up, skip);
        int logit = b.add("logit", conv(rng, classes, 6), cat);
        return b.build(b.add("output", new Sigmoid(), logit));
    }

    /**
     * The U-Net's encoder with the "mid" features resized bilinearly (half-pixel centres) to the input size
     * as its output ("mid-up"), for checking the method's own resizing of a smaller node.
     *
     * @param size image side, even
     * @param seed weight seed (the same weights as {@link #unet} for its first layers)
     * @return the network
     */
    static Network withResizedMid(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, size, size));
        int skip = b.add("skip", new Relu(), b.add("enc", conv(rng, 3, 1), b.input()));
        int mid = b.add("mid", new Relu(), b.add("mid/conv", conv(rng, 4, 3), b.add("pool", MaxPool.square(2), skip)));
        return b.build(b.add("mid-up", Upsample.bilinear(size, size, size / 2, size / 2), mid));
    }

    private static Conv2d conv(SplittableRandom rng, int out, int in) {
        int fan = in * 9;
        return Conv2d.of(out, in, 3, 3, Gaussian.vector(rng, out * fan, Math.sqrt(2.0 / fan)),
                Gaussian.vector(rng, out, 0.1), Padding.symmetric(1));
    }
}
