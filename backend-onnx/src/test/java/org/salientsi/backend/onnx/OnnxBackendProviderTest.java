package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackendProvider;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.core.eval.CompiledNetwork;

/** Discovery of the provider, its declared properties, and models of dynamic spatial size. */
class OnnxBackendProviderTest {

    @Test
    void providerIsFoundByServiceLoaderUnderTheNameOnnx() {
        PluginRegistry<ModelBackendProvider> registry = PluginRegistry.load(ModelBackendProvider.class, "backend");
        assertThat(registry.loadErrors()).isEmpty();
        ModelBackendProvider onnx = registry.get("onnx");
        assertThat(onnx).isInstanceOf(OnnxBackendProvider.class);
        assertThat(onnx.name()).isEqualTo("onnx");
        assertThat(onnx.description()).contains("ONNX").contains("9 to 21");
        assertThat(onnx.capabilities()).containsExactlyInAnyOrder(Capabilities.PIECEWISE_LINEAR_IR,
                Capabilities.NATIVE_PREDICT);
        assertThat(onnx.fileExtensions()).containsExactly(".onnx");
        assertThat(onnx.canOpen(Path.of("dir", "Model.ONNX"))).isTrue();
        assertThat(onnx.canOpen(Path.of("model.h5"))).isFalse();
    }

    @Test
    void backendIsCreatedOnceAndReportsTheOnnxRuntimeVersion() {
        OnnxBackendProvider provider = new OnnxBackendProvider();
        assertThat(provider.backend()).isSameAs(provider.backend());
        assertThat(provider.backend().name()).isEqualTo("onnx");
        assertThat(provider.backend().version()).isEqualTo("1.28.0");
    }

    @Test
    void loadedModelReportsBackendFileDigestAndImageShape() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(Fixtures.dir().resolve("manifest.json").toFile());
        String expected = null;
        for (JsonNode f : manifest.get("fixtures")) {
            if (f.get("name").asText().equals("rgb_multi")) {
                expected = f.get("sha256").asText();
            }
        }
        try (LoadedModel model = new OnnxBackendProvider().backend()
                .load(Fixtures.dir().resolve("rgb_multi.onnx"), Parameters.empty())) {
            assertThat(model.backend()).isEqualTo("onnx");
            assertThat(model.sha256()).isEqualTo(expected);
            assertThat(model.imageShape()).isEqualTo(ImageShape.of(8, 8, 3));
            assertThat(model.network().inputShape()).isEqualTo(TensorShape.of(3, 8, 8));
            assertThat(model.network(ImageShape.of(8, 8, 3))).isSameAs(model.network());
        }
    }

    @Test
    void dynamicSizeModelTranslatesForTheImageSizeAndMatchesOnnxRuntime() throws IOException {
        try (LoadedModel model = new OnnxBackendProvider().backend()
                .load(Fixtures.dir().resolve("dynamic_fcn.onnx"), Parameters.empty())) {
            assertThat(model.imageShape()).isEqualTo(ImageShape.of(OnnxBackend.DEFAULT_DYNAMIC_SIZE,
                    OnnxBackend.DEFAULT_DYNAMIC_SIZE, 1));
            ImageShape shape = ImageShape.of(12, 10, 1);
            Network net = model.network(shape);
            assertThat(net.inputShape()).isEqualTo(TensorShape.of(1, 12, 10));
            assertThat(model.network(shape)).as("translated once per shape").isSameAs(net);
            SplittableRandom rng = new SplittableRandom(1210);
            for (int k = 0; k < 3; k++) {
                Image image = GeneratedModelsTest.gaussianImage(shape, rng);
                double[] ir = CompiledNetwork.compile(net).pointEvaluator().evaluate(image.toChw()).value(net.output());
                double[] ort = model.predict(image);
                assertThat(FixtureOutputsTest.relative(ir, ort)).isLessThanOrEqualTo(1e-5);
            }
        }
    }

    @Test
    void optionsSetTheDefaultSizeOfADynamicModel() throws IOException {
        Parameters options = Parameters.empty().with("height", "12").with("width", "10");
        try (LoadedModel model = new OnnxBackendProvider().backend()
                .load(Fixtures.dir().resolve("dynamic_fcn.onnx"), options)) {
            assertThat(model.imageShape()).isEqualTo(ImageShape.of(12, 10, 1));
            assertThat(model.network().inputShape()).isEqualTo(TensorShape.of(1, 12, 10));
        }
    }

    @Test
    void dynamicModelTooDeepForTheDefaultSizeGetsTheFirstSizeThatFits(@TempDir Path dir) throws IOException {
        OnnxGraph g = new OnnxGraph("deep", 7).input("input", "N", 1, "H", "W");
        String x = "input";
        for (int i = 0; i < 3; i++) {
            x = g.node("MaxPool", OnnxGraph.in(x), OnnxGraph.intList("kernel_shape", 2, 2),
                    OnnxGraph.intList("strides", 2, 2));
        }
        x = g.conv(x, 1, 2, 5, OnnxGraph.intList("kernel_shape", 5, 5));
        g.head(x, 2, 1, "output");
        try (LoadedModel model = new OnnxBackendProvider().backend().load(g.write(dir, "deep.onnx", 13),
                Parameters.empty())) {
            assertThat(model.imageShape()).isEqualTo(ImageShape.of(64, 64, 1));
        }
    }

    @Test
    void irNodesAreNamedAfterTheOnnxOutputTensors() throws IOException {
        try (LoadedModel model = new OnnxBackendProvider().backend()
                .load(Fixtures.dir().resolve("paper_cam.onnx"), Parameters.empty())) {
            Network net = model.network();
            assertThat(net.node("/up/Resize_output_0")).isPresent();
            assertThat(net.node("/gap/GlobalAveragePool_output_0")).isPresent();
            assertThat(net.node(net.output()).name()).isEqualTo("output");
        }
    }
}
