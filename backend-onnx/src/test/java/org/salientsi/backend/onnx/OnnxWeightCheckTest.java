package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.spi.Parameters;
import org.salientsi.backend.onnx.model.OnnxModelFile;

/**
 * Every initializer is checked before it is decoded or handed to ONNX Runtime: dims non-negative, their
 * product without overflow, the stored data as long as the dims need, values finite, and shapes that fit
 * the op reading them. The files of {@code broken/} (written by {@code make_broken_models.py}) each differ
 * from a valid 8x8 model in one initializer.
 */
class OnnxWeightCheckTest {

    private final ModelBackend backend = new OnnxBackendProvider().backend();

    @TempDir
    Path dir;

    static Path broken(String name) {
        try {
            return Path.of(OnnxWeightCheckTest.class.getResource("/broken/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theValidBaseOfTheBrokenFilesLoadsAndPredicts() throws Exception {
        try (LoadedModel m = backend.load(broken("grey8_base.onnx"), Parameters.empty())) {
            double[] y = m.predict(Image.of(ImageShape.of(8, 8, 1), new double[64]));
            assertThat(y).hasSize(1);
            assertThat(Double.isFinite(y[0])).isTrue();
        }
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("raw_data_short.onnx", ModelLoadException.class,
                        new String[] {"initializer 'conv.weight'", "17 values", "[2, 1, 3, 3]", "18"}),
                Arguments.of("negative_dim.onnx", ModelLoadException.class,
                        new String[] {"initializer 'conv.bias'", "negative dimension", "[-2]"}),
                Arguments.of("overflowing_dims.onnx", ModelLoadException.class,
                        new String[] {"initializer 'conv.bias'", "[4294967296, 4294967296]", "overflows"}),
                Arguments.of("conv_weight_rank3.onnx", UnsupportedLayerException.class,
                        new String[] {"/conv/Conv", "rank 3"}),
                Arguments.of("conv_channels.onnx", UnsupportedLayerException.class,
                        new String[] {"/conv/Conv", "[2, 3, 3, 3]", "1 channels"}),
                Arguments.of("nan_initializer.onnx", ModelLoadException.class,
                        new String[] {"initializer 'conv.weight'", "NaN", "flat index 16", "finite"}),
                Arguments.of("inf_initializer.onnx", ModelLoadException.class,
                        new String[] {"initializer 'fc.weight'", "-Infinity", "flat index 1", "finite"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void anInitializerThatDoesNotFitIsRefusedByName(String name, Class<? extends Throwable> type, String[] mentions) {
        Path file = broken(name);
        assertThatThrownBy(() -> backend.load(file, Parameters.empty())).isInstanceOf(type)
                .hasMessageContainingAll(mentions).message().doesNotContain("\n");
    }

    @Test
    void anInfiniteClipBoundIsAllowedButNotANaNOne() throws IOException {
        for (double bound : new double[] {Double.POSITIVE_INFINITY, Double.NaN}) {
            OnnxGraph g = new OnnxGraph("clip", 3);
            g.input("x", 1, 1, 4, 4);
            String lo = g.scalar("lo", 0);
            String hi = g.scalar("hi", bound);
            g.node("Clip", OnnxGraph.in("x", lo, hi), new String[] {"y"});
            g.node("GlobalAveragePool", OnnxGraph.in("y"), new String[] {"z"});
            g.output("z");
            Path file = g.write(dir, "clip.onnx", 13);
            if (Double.isNaN(bound)) {
                assertThatThrownBy(() -> backend.load(file, Parameters.empty())).isInstanceOf(ModelLoadException.class)
                        .hasMessageContaining("initializer 'hi'").hasMessageContaining("NaN");
            } else {
                try (LoadedModel m = backend.load(file, Parameters.empty())) {
                    double[] y = m.predict(Image.of(ImageShape.of(4, 4, 1), new double[16]));
                    assertThat(y).containsExactly(0.0);
                }
            }
        }
    }

    @Test
    void subgraphsNestedDeeperThanTheLimitAreRefused() throws IOException {
        GraphProto inner = GraphProto.newBuilder().setName("leaf").build();
        for (int i = 0; i < 2 * OnnxModelFile.MAX_NESTING; i++) {
            NodeProto n = NodeProto.newBuilder().setOpType("If").setName("if" + i).addOutput("o" + i)
                    .addAttribute(AttributeProto.newBuilder().setName("then_branch")
                            .setType(AttributeProto.AttributeType.GRAPH).setG(inner)).build();
            inner = GraphProto.newBuilder().setName("g" + i).addNode(n).build();
        }
        ModelProto m = new OnnxGraph("outer", 1).model(13).toBuilder().setGraph(inner).build();
        Path file = Files.write(dir.resolve("nested.onnx"), m.toByteArray());
        assertThatThrownBy(() -> backend.load(file, Parameters.empty())).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("nested.onnx").hasMessageContaining("nest deeper")
                .hasMessageContaining(String.valueOf(OnnxModelFile.MAX_NESTING));
    }
}
