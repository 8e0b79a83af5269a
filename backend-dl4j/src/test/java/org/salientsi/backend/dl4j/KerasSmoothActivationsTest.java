package org.salientsi.backend.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.spi.Parameters;

/**
 * Keras activations with an IR op (sigmoid, tanh, softmax, exponential, exact gelu) translate anywhere in
 * a network, as a layer's activation and as an {@code Activation} layer; those without one are refused by
 * layer. The fixtures are written by src/test/python/make_keras_smooth_fixtures.py; their values are
 * checked against NumPy in {@link PaperModelTest} and against DL4J layer by layer in
 * {@link IrMatchesDl4jLayerByLayerTest}.
 */
class KerasSmoothActivationsTest {

    @TempDir
    Path dir;

    @Test
    void convolutionalModelTranslatesEachActivationToItsOpWithSoftmaxOverChannels() throws Exception {
        try (LoadedModel model = load("keras/functional_smooth_cnn.h5")) {
            Network net = model.network();
            assertThat(types(net)).containsExactly("Input", "Conv2d", "Tanh", "Conv2d", "Sigmoid", "Softmax",
                    "Conv2d", "Gelu", "Exp", "GlobalAvgPool", "Dense", "Softmax");
            // Keras' softmax runs over the last axis of NHWC activations: the channels, axis 0 of CHW
            assertThat(net.node("channel_softmax").orElseThrow().op()).isEqualTo(new Softmax(0));
            assertThat(net.node("exp").orElseThrow().op().type()).isEqualTo("Exp");
            assertThat(net.node("conv_gelu").orElseThrow().op().type()).isEqualTo("Gelu");
            assertThat(net.node(net.output()).op()).isEqualTo(new Softmax(Softmax.ALL));
        }
    }

    @Test
    void denseModelTranslatesActivationsOfLayersAndActivationLayers() throws Exception {
        try (LoadedModel model = load("keras/sequential_smooth_mlp.h5")) {
            Network net = model.network();
            assertThat(types(net)).containsSubsequence("Dense", "Tanh", "Dense", "Sigmoid", "Dense", "Exp", "Gelu",
                    "Dense", "Softmax");
            assertThat(net.node("dense_exp").orElseThrow().op().type()).isEqualTo("Exp");
            assertThat(net.node("gelu").orElseThrow().op().type()).isEqualTo("Gelu");
            assertThat(net.node("softmax").orElseThrow().op()).isEqualTo(new Softmax(Softmax.ALL));
        }
    }

    @Test
    void dl4jSoftmaxOverChannelsFirstActivationsRunsAlongTheColumns() throws Exception {
        TestNetworks.Spec spec = TestNetworks.graphSmoothChannelsFirst();
        try (LoadedModel model = TestModels.backend().load(spec.save(dir), spec.options())) {
            assertThat(model.network().node("softmax_columns").orElseThrow().op()).isEqualTo(new Softmax(2));
        }
    }

    /**
     * DL4J in float32 (with the exp and erf kernels of nd4j for the activations its Keras import lacks) agrees
     * with the float64 NumPy reference to single precision: measured at most 1.2e-7 of the largest output.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"functional_smooth_cnn", "sequential_smooth_mlp"})
    void float32Dl4jAgreesWithTheNumpyReferenceToSinglePrecision(String name) throws Exception {
        Map<String, double[]> ref = TestModels.reference("keras/" + name + "_reference.txt");
        double[] shape = ref.get("shape");
        ImageShape s = ImageShape.of((int) shape[0], (int) shape[1], (int) shape[2]);
        Path file = TestModels.resourceFile("keras/" + name + ".h5", dir);
        try (LoadedModel model = TestModels.backend().load(file,
                Parameters.empty().with(Dl4jBackend.OPTION_DTYPE, "float"))) {
            for (int b = 0; b < 2; b++) {
                double[] hwc = new double[s.size()];
                for (int i = 0; i < hwc.length; i++) {
                    hwc[i] = b == 0 ? Math.sin(0.37 * i + 0.1) : 1.5 * Math.cos(0.23 * i - 0.4);
                }
                double err = TestModels.relativeError(model.predict(Image.of(s, hwc)),
                        ref.get(b == 0 ? "output" : "output#1"));
                assertThat(err).as("%s input %d: DL4J float32 vs NumPy", name, b).isLessThanOrEqualTo(1e-6);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"elu", "selu", "softplus", "softsign", "hard_sigmoid", "swish"})
    void activationWithoutAnIrOpIsRefusedNamingTheLayer(String activation) {
        Throwable dense = loadError("keras/bad/activation_" + activation + ".h5");
        assertThat(dense).isInstanceOf(UnsupportedLayerException.class).hasMessageContaining("has no IR op");
        assertThat(((UnsupportedLayerException) dense).layerName()).isEqualTo("smooth");
        assertThat(((UnsupportedLayerException) dense).layerType()).isEqualTo("DenseLayer");

        Throwable layer = loadError("keras/bad/activation_layer_" + activation + ".h5");
        assertThat(layer).isInstanceOf(UnsupportedLayerException.class).hasMessageContaining("has no IR op");
        assertThat(((UnsupportedLayerException) layer).layerName()).isEqualTo("act");
        assertThat(((UnsupportedLayerException) layer).layerType()).isEqualTo("ActivationLayer");
    }

    @Test
    void softmaxLayerAlongAnotherAxisIsRefused() {
        Throwable e = loadError("keras/bad/softmax_axis1.h5");
        assertThat(e).isInstanceOf(UnsupportedLayerException.class).hasMessageContaining("axis 1");
        assertThat(((UnsupportedLayerException) e).layerName()).isEqualTo("softmax");
        assertThat(((UnsupportedLayerException) e).layerType()).isEqualTo("Softmax");
    }

    private LoadedModel load(String resource) throws Exception {
        return TestModels.backend().load(TestModels.resourceFile(resource, dir), Parameters.empty());
    }

    private Throwable loadError(String resource) {
        Path file = TestModels.resourceFile(resource, dir);
        Throwable e = catchThrowable(() -> TestModels.backend().load(file, Parameters.empty()).close());
        assertThat(e).as(resource).isNotNull();
        assertThat(e.getMessage()).as("%s: one line", resource).doesNotContain("\n");
        return e;
    }

    private static List<String> types(Network net) {
        return net.nodes().stream().map(n -> n.op().type()).toList();
    }
}
