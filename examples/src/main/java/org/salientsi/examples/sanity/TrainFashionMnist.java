package org.salientsi.examples.sanity;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains {@link SmallCnn} on Fashion-MNIST and saves it. Arguments (all optional):
 * {@code --out FILE} (default {@code examples/models/sanity/fashion-mnist-cnn.zip}), {@code --epochs E} (3),
 * {@code --train N} (60000), {@code --seed S} (1), {@code --data DIR} (the Debian package's folder).
 *
 * <pre>
 * mvn -B -q -o -pl examples org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.mainClass=org.salientsi.examples.sanity.TrainFashionMnist
 * </pre>
 */
public final class TrainFashionMnist {

    private TrainFashionMnist() {
    }

    /**
     * @param args see the class documentation
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        Path data = Path.of(a.get("data", Idx.FASHION_MNIST.toString()));
        Path out = Path.of(a.get("out", "examples/models/sanity/fashion-mnist-cnn.zip"));
        int epochs = a.getInt("epochs", 3);
        int train = a.getInt("train", 60000);
        long seed = a.getLong("seed", 1L);
        long start = System.nanoTime();
        float[][] x = Idx.images(data.resolve("train-images-idx3-ubyte.gz"), train);
        int[] y = Idx.labels(data.resolve("train-labels-idx1-ubyte.gz"), train);
        float[][] tx = Idx.images(data.resolve("t10k-images-idx3-ubyte.gz"), 0);
        int[] ty = Idx.labels(data.resolve("t10k-labels-idx1-ubyte.gz"), 0);
        MultiLayerNetwork net = SmallCnn.build(28, 10, 2e-3, seed);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int e = 1; e <= epochs; e++) {
            SmallCnn.epoch(net, x, y, 10, 64, rng);
            System.out.printf(Locale.ROOT, "epoch %d: test accuracy %.4f (%.0f s)%n", e,
                    SmallCnn.accuracy(SmallCnn.predict(net, tx), ty), (System.nanoTime() - start) / 1e9);
        }
        SmallCnn.save(net, out);
        System.out.printf(Locale.ROOT, "saved %s (%d parameters, %d bytes) after %.0f s%n", out, net.numParams(),
                java.nio.file.Files.size(out), (System.nanoTime() - start) / 1e9);
    }
}
