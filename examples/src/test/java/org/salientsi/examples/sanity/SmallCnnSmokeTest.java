package org.salientsi.examples.sanity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.sanity.shift.CrossDistractor;

/** The training code on a handful of synthetic images: it trains, saves, and the IR reproduces DL4J. */
class SmallCnnSmokeTest {

    private static final long SEED = 3L;

    @Test
    void trainedNetworkRoundTripsThroughTheBackendIntoTheIr(@TempDir Path dir) throws Exception {
        List<CrossDistractor.Sample> data = CrossDistractor.generate(16, SEED, false);
        ShiftBenchmark.Trained t = ShiftBenchmark.train("shuffled", 1, data,
                CrossDistractor.generate(8, SEED + 1, true), 2, 2e-3, 8);
        assertThat(t.bestEpoch()).isBetween(1, 2);
        MultiLayerNetwork net = t.net();
        Path zip = dir.resolve("cnn.zip");
        SmallCnn.save(net, zip);
        float[][] x = new float[data.size()][];
        for (int i = 0; i < x.length; i++) {
            double[] d = data.get(i).image();
            x[i] = new float[d.length];
            for (int k = 0; k < d.length; k++) {
                x[i][k] = (float) d[k];
            }
        }
        double[][] dl4j = SmallCnn.predict(net, x);
        try (LoadedModel m = ModelIo.open(zip, CrossDistractor.SIZE)) {
            PointEvaluator eval = CompiledNetwork.compile(m.network()).pointEvaluator();
            for (int i = 0; i < x.length; i++) {
                eval.evaluate(data.get(i).image());
                double[] ir = eval.output();
                for (int k = 0; k < 2; k++) {
                    // DL4J computes in float32
                    assertThat(ir[k]).isCloseTo(dl4j[i][k], org.assertj.core.api.Assertions.within(1e-5));
                }
            }
            List<SaliencyMethod> methods = FashionMnistReliability.methods(m.network(), 1L);
            assertThat(methods.stream().map(SaliencyMethod::name)).contains("cam", "control-random", "control-sobel");
            assertThat(ShiftBenchmark.irAuc(m.network(), data)).isBetween(0.0, 1.0);
        }
        assertThat(java.nio.file.Files.size(zip)).isLessThan(100_000);
    }

    @Test
    void idxReaderReadsTheFashionMnistTestSetWhenInstalled() throws Exception {
        Path images = Idx.FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(images),
                "dataset-fashion-mnist is not installed");
        float[][] x = Idx.images(images, 3);
        int[] y = Idx.labels(Idx.FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz"), 3);
        assertThat(x).hasDimensions(3, 784);
        // the published first test labels of Fashion-MNIST: ankle boot, pullover, trouser
        assertThat(y).containsExactly(9, 2, 1);
        for (float v : x[0]) {
            assertThat(v).isBetween(0f, 1f);
        }
    }
}
