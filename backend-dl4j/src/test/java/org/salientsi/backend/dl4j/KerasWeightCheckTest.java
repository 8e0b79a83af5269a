package org.salientsi.backend.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.spi.Parameters;
import org.salientsi.backend.dl4j.io.KerasFile;
import org.salientsi.backend.dl4j.io.ModelConfigJson;

/**
 * Every weight of a Keras file is checked against the architecture before DL4J or the IR uses it: the files
 * of {@code keras/bad/} (written by {@code make_keras_fixtures.py}) each differ from a valid 8x8x1 model in
 * one weight, and each is refused with a {@link ModelLoadException} that names the layer, the weight and
 * both shapes, never imported.
 */
class KerasWeightCheckTest {

    @TempDir
    Path dir;

    private final ModelBackend backend = TestModels.backend();

    @Test
    void theValidBaseOfTheBrokenFilesLoadsAndPredicts() throws Exception {
        Path file = TestModels.resourceFile("keras/bad/grey8_base.h5", dir);
        try (LoadedModel m = backend.load(file, Parameters.empty())) {
            assertThat(m.imageShape()).isEqualTo(ImageShape.of(8, 8, 1));
            double[] y = m.predict(Image.of(ImageShape.of(8, 8, 1), TestModels.sineImage(8)));
            assertThat(y).hasSize(1);
            assertThat(Double.isFinite(y[0])).isTrue();
        }
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("dense_kernel_transposed.h5", new String[] {"'hidden'", "kernel", "[3, 72]", "[72, 3]"}),
                Arguments.of("dense_kernel_wrong_in.h5", new String[] {"'hidden'", "kernel", "[64, 3]", "[72, 3]"}),
                Arguments.of("conv_kernel_transposed.h5", new String[] {"'conv'", "kernel", "[2, 1, 3, 3]",
                    "[3, 3, 1, 2]"}),
                Arguments.of("missing_weight.h5", new String[] {"'score'", "lacks weight bias", "[1]", "missing"}),
                Arguments.of("extra_weight.h5", new String[] {"'hidden'", "gamma", "[3]", "extra"}),
                Arguments.of("flatten_with_weight.h5", new String[] {"'flatten'", "kernel", "[72, 1]", "extra"}),
                Arguments.of("nan_weight.h5", new String[] {"'conv'", "kernel", "NaN", "finite"}),
                Arguments.of("inf_weight.h5", new String[] {"'score'", "kernel", "Infinity", "finite"}),
                Arguments.of("bias_wrong_length.h5", new String[] {"'conv'", "bias", "[3]", "[2]"}),
                Arguments.of("huge_dataset.h5", new String[] {"'hidden'", "kernel", "[16000, 16000]", "bytes"}),
                Arguments.of("huge_chunked.h5", new String[] {"'hidden'", "kernel", "[16000, 16000]", "compressed"}),
                Arguments.of("huge_cap.h5", new String[] {"'hidden'", "kernel", "[100000, 100000]"}),
                Arguments.of("deep_config.h5", new String[] {"model_config", "nested deeper than "
                        + ModelConfigJson.MAX_DEPTH}),
                Arguments.of("stray_layer_weights.h5", new String[] {"'ghost'", "does not have"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aWeightThatDoesNotFitItsLayerIsRefusedNamingLayerWeightAndShapes(String name, String[] mentions) {
        Path file = TestModels.resourceFile("keras/bad/" + name, dir);
        assertThatThrownBy(() -> backend.load(file, Parameters.empty()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContainingAll(mentions)
                .message().doesNotContain("\n");
    }

    @Test
    void aDl4jZipWithANaNParameterIsRefusedNamingTheLayer() {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(2).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).name("out").nOut(1).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(6, 6, 1)).build());
        n.init();
        n.getLayer(2).getParam("W").putScalar(1, Double.NaN);
        Path file = new TestNetworks.Spec("nan_zip", n, Parameters.empty(), "NCHW").save(dir);
        assertThatThrownBy(() -> backend.load(file, Parameters.empty())).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("layer '2'").hasMessageContaining("parameter W").hasMessageContaining("NaN");
    }

    @Test
    void theHugeClaimsAreRefusedByTheFileSizeOrTheParameterCap() {
        Path contiguous = TestModels.resourceFile("keras/bad/huge_dataset.h5", dir);
        assertThatThrownBy(() -> backend.load(contiguous, Parameters.empty()))
                .hasMessageContaining("more than the " + contiguous.toFile().length() + "-byte file can hold");
        Path chunked = TestModels.resourceFile("keras/bad/huge_chunked.h5", dir);
        assertThatThrownBy(() -> backend.load(chunked, Parameters.empty()))
                .hasMessageContaining("1024000000 bytes").hasMessageContaining("even compressed");
        // 10^10 values: above the hard cap whatever the compression
        Path cap = TestModels.resourceFile("keras/bad/huge_cap.h5", dir);
        assertThatThrownBy(() -> backend.load(cap, Parameters.empty()))
                .hasMessageContaining("at most " + KerasFile.MAX_PARAMETERS);
    }
}
