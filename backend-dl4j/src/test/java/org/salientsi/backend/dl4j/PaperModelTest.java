package org.salientsi.backend.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Input;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Upsample;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paper's Keras models and the Keras fixtures against independent float64 NumPy forward passes
 * (src/test/python/paper_reference.py and make_keras_fixtures.py), and the IR's structure.
 */
class PaperModelTest {

    private static final Logger LOG = LoggerFactory.getLogger(PaperModelTest.class);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "model_{0}")
    @ValueSource(ints = {8, 16, 32, 64})
    void irOutputAndUpsamplingNodeEqualTheNumpyReference(int size) throws Exception {
        Map<String, double[]> ref = TestModels.reference("paper/reference_" + size + ".txt");
        try (LoadedModel model = TestModels.backend().load(TestModels.paperModel(size), Parameters.empty())) {
            Network net = model.network();
            PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
            int up = net.node(upsamplingName(size)).orElseThrow().id();
            double[][] inputs = {TestModels.sineImage(size), TestModels.gaussianImage(size)};
            double[] irOut = new double[2];
            double[] dl4jOut = new double[2];
            double worstUp = 0;
            for (int b = 0; b < 2; b++) {
                eval.evaluate(inputs[b]);
                irOut[b] = eval.value(net.output())[0];
                dl4jOut[b] = model.predict(Image.grey(size, size, inputs[b]))[0];
                double[] expectedUp = repeatToChw(ref.get("up_b" + b), size / 2, 4);
                double err = TestModels.relativeError(eval.value(up), expectedUp);
                assertThat(err).as("model_%d batch %d: UpSampling2D node vs NumPy", size, b).isLessThanOrEqualTo(1e-12);
                worstUp = Math.max(worstUp, err);
            }
            double errOut = TestModels.relativeError(irOut, ref.get("output"));
            assertThat(errOut).as("model_%d: IR output vs NumPy", size).isLessThanOrEqualTo(1e-12);
            assertThat(TestModels.relativeError(dl4jOut, ref.get("output"))).as("model_%d: DL4J vs NumPy", size)
                    .isLessThanOrEqualTo(1e-12);
            LOG.info("IR vs NumPy model_{}: output relative error {}, UpSampling2D node {}", size,
                    String.format("%.2e", errOut), String.format("%.2e", worstUp));
        }
    }

    @Test
    void model8TranslatesToTheExpectedChainOfOps() throws Exception {
        try (LoadedModel model = TestModels.backend().load(TestModels.paperModel(8), Parameters.empty())) {
            Network net = model.network();
            List<String> types = net.nodes().stream().map(n -> n.op().type()).toList();
            assertThat(types).containsExactly("Input", "Conv2d", "Relu", "Conv2d", "Relu", "MaxPool", "Conv2d",
                    "Relu", "Conv2d", "Relu", "Upsample", "GlobalAvgPool", "Dense", "Sigmoid");
            assertThat(net.nodes().stream().map(Node::name).toList()).containsExactly("input", "conv2d_4/preact",
                    "conv2d_4", "conv2d_5/preact", "conv2d_5", "max_pooling2d_1", "conv2d_6/preact", "conv2d_6",
                    "conv2d_7/preact", "conv2d_7", "up_sampling2d_1", "global_average_pooling2d_1", "dense_1/preact",
                    "dense_1");
            assertThat(net.output()).isEqualTo(net.size() - 1);
            assertThat(net.inputShape()).isEqualTo(TensorShape.of(1, 8, 8));
            assertThat(net.node("up_sampling2d_1").orElseThrow().shape()).isEqualTo(TensorShape.of(4, 8, 8));
            assertThat(net.node(0).op()).isInstanceOf(Input.class);
            Conv2d conv = (Conv2d) net.node("conv2d_4/preact").orElseThrow().op();
            assertThat(conv.padding()).isEqualTo(Padding.symmetric(1));
            assertThat(conv.outChannels()).isEqualTo(4);
            assertThat(net.node("max_pooling2d_1").orElseThrow().op()).isEqualTo(MaxPool.square(2));
            assertThat(net.node("up_sampling2d_1").orElseThrow().op()).isEqualTo(Upsample.repeat(2, 2));
            Dense dense = (Dense) net.node("dense_1/preact").orElseThrow().op();
            assertThat(dense.inFeatures()).isEqualTo(4);
            assertThat(dense.weight(0, 0)).isEqualTo(1.3635220527648926); // the Keras kernel, float32 widened
            assertThat(model.imageShape()).isEqualTo(ImageShape.of(8, 8, 1));
            assertThat(model.backend()).isEqualTo("dl4j");
        }
    }

    @Test
    void sha256IsTheFilesDigest() throws Exception {
        Path file = TestModels.paperModel(8);
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        try (LoadedModel model = TestModels.backend().load(file, Parameters.empty())) {
            assertThat(model.sha256()).isEqualTo(expected).hasSize(64);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"functional_mixed", "sequential_flatten", "functional_mlp", "functional_unet",
        "functional_smooth_cnn", "sequential_smooth_mlp"})
    void kerasFixturesMatchTheirNumpyReference(String name) throws Exception {
        Map<String, double[]> ref = TestModels.reference("keras/" + name + "_reference.txt");
        double[] shape = ref.get("shape");
        ImageShape s = ImageShape.of((int) shape[0], (int) shape[1], (int) shape[2]);
        Path file = TestModels.resourceFile("keras/" + name + ".h5", dir);
        try (LoadedModel model = TestModels.backend().load(file, Parameters.empty())) {
            assertThat(model.imageShape()).isEqualTo(s);
            PointEvaluator eval = CompiledNetwork.compile(model.network()).pointEvaluator();
            for (int b = 0; b < 2; b++) {
                double[] hwc = new double[s.size()];
                for (int i = 0; i < hwc.length; i++) {
                    hwc[i] = b == 0 ? Math.sin(0.37 * i + 0.1) : 1.5 * Math.cos(0.23 * i - 0.4);
                }
                Image image = Image.of(s, hwc);
                double[] expected = ref.get(b == 0 ? "output" : "output#1");
                double[] ir = eval.evaluate(image.toChw()).value(model.network().output());
                double err = TestModels.relativeError(ir, expected);
                assertThat(err).as("%s input %d: IR vs NumPy (Keras semantics)", name, b).isLessThanOrEqualTo(1e-12);
                assertThat(TestModels.relativeError(model.predict(image), expected)).as("%s: DL4J vs NumPy", name)
                        .isLessThanOrEqualTo(1e-12);
                LOG.info("IR vs NumPy {} input {}: output relative error {}", name, b, String.format("%.2e", err));
            }
        }
    }

    /**
     * In float32, DL4J agrees with the (double) IR to single precision: the probability to 1e-6
     * absolute, and the logit recovered from it to 1e-5 relative wherever float32 can represent it
     * ({@code 1e-6 < p < 1 - 1e-6}). The output relative to its own size is not a fair measure here:
     * model_64's outputs are about 1e-5, and a logit error e becomes a relative output error of about e.
     */
    @Test
    void float32PredictAgreesWithTheIrToSinglePrecisionOnTheLogit() throws Exception {
        Parameters floats = Parameters.empty().with(Dl4jBackend.OPTION_DTYPE, "float");
        for (int size : new int[] {8, 16, 32, 64}) {
            try (LoadedModel model = TestModels.backend().load(TestModels.paperModel(size), floats)) {
                Network net = model.network();
                PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
                int logitNode = net.node(net.output()).input(0);
                double worstLogit = 0;
                double worstAbsolute = 0;
                double worstRelative = 0;
                for (double[] x : new double[][] {TestModels.sineImage(size), TestModels.gaussianImage(size)}) {
                    eval.evaluate(x);
                    double p = model.predict(Image.grey(size, size, x))[0];
                    double q = eval.value(net.output())[0];
                    worstAbsolute = Math.max(worstAbsolute, Math.abs(p - q));
                    worstRelative = Math.max(worstRelative, Math.abs(p - q) / q);
                    if (p > 1e-6 && p < 1 - 1e-6) {
                        double logit = Math.log(p) - Math.log1p(-p);
                        worstLogit = Math.max(worstLogit, TestModels.relativeError(new double[] {logit},
                                eval.value(logitNode)));
                    }
                }
                assertThat(worstAbsolute).as("model_%d in float32: |p - p_IR|", size).isLessThanOrEqualTo(1e-6);
                assertThat(worstLogit).as("model_%d in float32: logit", size).isLessThanOrEqualTo(1e-5);
                LOG.info("IR vs DL4J (float32) model_{}: |p - p_IR| {} (relative {}), logit relative error {}", size,
                        String.format("%.2e", worstAbsolute), String.format("%.2e", worstRelative),
                        String.format("%.2e", worstLogit));
            }
        }
    }

    private static String upsamplingName(int size) {
        return "up_sampling2d_" + switch (size) {
            case 8 -> 1;
            case 16 -> 2;
            case 32 -> 3;
            default -> 4;
        };
    }

    /** [h][w][c] values at half resolution to the CHW values of their 2x2 nearest repeat. */
    private static double[] repeatToChw(double[] half, int n, int channels) {
        int size = 2 * n;
        double[] out = new double[channels * size * size];
        for (int c = 0; c < channels; c++) {
            for (int h = 0; h < size; h++) {
                for (int w = 0; w < size; w++) {
                    out[(c * size + h) * size + w] = half[((h / 2) * n + w / 2) * channels + c];
                }
            }
        }
        return out;
    }
}
