package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.salientsi.backend.onnx.OnnxGraph.attr;
import static org.salientsi.backend.onnx.OnnxGraph.in;
import static org.salientsi.backend.onnx.OnnxGraph.intList;

import ai.onnx.proto.OnnxMl.AttributeProto;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.spi.Parameters;

/**
 * ONNX {@code ConvTranspose} to the IR: pads, strides, output_padding and weights map to
 * {@link ConvTranspose} (the forward pass against ONNX Runtime is in {@link OnnxConformanceTest}); group
 * other than 1, dilations, auto_pad other than NOTSET and the output_shape attribute are refused with an
 * {@link UnsupportedLayerException} naming the node.
 */
class ConvTransposeTranslationTest {

    private final ModelBackend backend = new OnnxBackendProvider().backend();

    @TempDir
    Path dir;

    @Test
    void attributesMapToTheIrOp() throws Exception {
        Path file = GeneratedModels.convTranspose().write(dir, "ct.onnx", 17);
        try (LoadedModel m = backend.load(file, Parameters.empty())) {
            Network net = m.network(m.imageShape());
            ConvTranspose[] ops = net.nodes().stream().map(Node::op).filter(ConvTranspose.class::isInstance)
                    .map(ConvTranspose.class::cast).toArray(ConvTranspose[]::new);
            assertThat(ops).hasSize(2);
            assertThat(ops[0].padding()).isEqualTo(Padding.of(1, 0, 1, 1));
            assertThat(new int[] {ops[0].strideH(), ops[0].strideW(), ops[0].outputPaddingH(), ops[0].outputPaddingW(),
                    ops[0].inChannels(), ops[0].outChannels()}).containsExactly(2, 2, 1, 1, 3, 2);
            assertThat(new int[] {ops[1].kernelH(), ops[1].kernelW(), ops[1].strideH(), ops[1].strideW()})
                    .containsExactly(2, 3, 1, 2);
            assertThat(ops[1].bias()).containsOnly(0.0);
            assertThat(net.node(net.output()).shape().toString()).contains("9").contains("19");
        }
    }

    private UnsupportedLayerException refused(String label, int inChannels, long[] weightDims,
                                              AttributeProto... attributes) {
        OnnxGraph g = new OnnxGraph(label, 5).input("input", 1, inChannels, 4, 4);
        g.node("ConvTranspose", in("input", g.weight("w", 0.5, weightDims)), new String[] {"output"}, attributes);
        g.output("output");
        Path file = g.write(dir, label + ".onnx", 17);
        UnsupportedLayerException e = catchThrowableOfType(UnsupportedLayerException.class,
                () -> backend.load(file, Parameters.empty()));
        assertThat(e).as(label).isNotNull();
        assertThat(e.layerType()).isEqualTo("ConvTranspose");
        assertThat(e.getMessage()).as(label).contains("/ConvTranspose_").doesNotContain("\n");
        return e;
    }

    @Test
    void groupsDilationsAutoPadAndOutputShapeAreRefusedNamingTheNode() {
        assertThat(refused("group", 2, new long[] {2, 1, 3, 3}, attr("group", 2L)).getMessage())
                .contains("group 2");
        assertThat(refused("dilations", 1, new long[] {1, 1, 3, 3}, intList("dilations", 2, 2)).getMessage())
                .contains("dilations");
        assertThat(refused("auto_pad", 1, new long[] {1, 1, 3, 3}, intList("strides", 2, 2),
                attr("auto_pad", "SAME_UPPER")).getMessage()).contains("auto_pad SAME_UPPER");
        assertThat(refused("output_shape", 1, new long[] {1, 1, 3, 3}, intList("strides", 2, 2),
                intList("output_shape", 8, 8)).getMessage()).contains("output_shape");
        assertThat(refused("output_padding", 1, new long[] {1, 1, 3, 3}, intList("strides", 2, 2),
                intList("output_padding", 2, 0)).getMessage()).contains("below its stride");
        assertThat(refused("channels", 3, new long[] {2, 1, 3, 3}).getMessage()).contains("3 channels");
    }
}
