package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.salientsi.backend.onnx.OnnxGraph.attr;
import static org.salientsi.backend.onnx.OnnxGraph.in;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Gelu;
import org.salientsi.api.ir.LayerNorm;
import org.salientsi.api.ir.MatMul;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Slice;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.spi.Parameters;

/**
 * The smooth ops and the attention plumbing of issue 24 translate from the single-op models and the Vision
 * Transformers of {@code make_vit.py} to the IR ops they mean (the values are checked against ONNX Runtime and
 * PyTorch in {@link SmoothOpConformanceTest}); what the IR cannot hold is refused with an
 * {@link UnsupportedLayerException} naming node and op.
 */
class SmoothOpTranslationTest {

    private final ModelBackend backend = new OnnxBackendProvider().backend();

    @TempDir
    Path dir;

    private Network net(String file) throws Exception {
        try (LoadedModel m = backend.load(VitFixtures.dir().resolve(file), Parameters.empty())) {
            return m.network(m.imageShape());
        }
    }

    private static List<String> types(Network net) {
        return net.nodes().stream().map(n -> n.op().type()).toList();
    }

    private static Op outputOp(Network net) {
        return net.node(net.output()).op();
    }

    private static <T extends Op> List<T> ops(Network net, Class<T> type) {
        return net.nodes().stream().map(Node::op).filter(type::isInstance).map(type::cast).toList();
    }

    private UnsupportedLayerException refused(String file) {
        UnsupportedLayerException e = catchThrowableOfType(UnsupportedLayerException.class,
                () -> backend.load(VitFixtures.dir().resolve(file), Parameters.empty()));
        assertThat(e).as(file).isNotNull();
        assertThat(e.getMessage()).as(file).doesNotContain("\n");
        return e;
    }

    @Test
    void elementwiseSmoothOpsBecomeTheirIrOps() throws Exception {
        assertThat(types(net("op_sigmoid.onnx"))).containsExactly("Input", "Sigmoid");
        assertThat(types(net("op_tanh.onnx"))).containsExactly("Input", "Tanh");
        assertThat(types(net("op_exp.onnx"))).containsExactly("Input", "Exp");
        assertThat(types(net("op_erf.onnx"))).containsExactly("Input", "Erf");
        assertThat(types(net("op_sigmoid_inside.onnx"))).containsExactly("Input", "Sigmoid", "Conv2d");
    }

    @Test
    void softmaxRunsAlongTheOnnxAxisMinusOne() throws Exception {
        assertThat(outputOp(net("op_softmax_axis1.onnx"))).isEqualTo(new Softmax(0));
        assertThat(outputOp(net("op_softmax_axis2.onnx"))).isEqualTo(new Softmax(1));
        assertThat(outputOp(net("op_softmax_axis3.onnx"))).isEqualTo(new Softmax(2));
        assertThat(outputOp(net("op_softmax_axism1.onnx"))).isEqualTo(new Softmax(2));
    }

    @Test
    void softmaxBeforeOpset13CoercesTo2dFromItsAxis() throws Exception {
        assertThat(outputOp(net("op_softmax_opset11_last.onnx"))).isEqualTo(new Softmax(2));
        assertThat(outputOp(net("op_softmax_opset11_axis1.onnx"))).isEqualTo(new Softmax(Softmax.ALL));
        UnsupportedLayerException e = refused("op_softmax_opset11_axis2.onnx");
        assertThat(e.layerType()).isEqualTo("Softmax");
        assertThat(e.getMessage()).contains("opset 11").contains("axes 2 to 3").contains("[1, 2, 3, 4]");
    }

    @Test
    void layerNormalizationIsALayerNormAlongTheLastAxis() throws Exception {
        LayerNorm ln = (LayerNorm) outputOp(net("op_layernorm.onnx"));
        assertThat(ln.axis()).isEqualTo(2);
        assertThat(ln.gamma()).hasSize(4);
        assertThat(ln.epsilon()).isEqualTo(1e-5);
        LayerNorm noBias = (LayerNorm) outputOp(net("op_layernorm_nobias.onnx"));
        assertThat(noBias.beta()).containsOnly(0.0);
        assertThat(noBias.gamma()).containsExactly(ln.gamma());
        assertThat(noBias.epsilon()).isEqualTo(1e-3);
        UnsupportedLayerException e = refused("op_layernorm_axis2.onnx");
        assertThat(e.layerType()).isEqualTo("LayerNormalization");
        assertThat(e.getMessage()).contains("axes 2 to 3").contains("only the last axis");
    }

    @Test
    void decomposedLayerNormFusesIntoTheSameLayerNormAsTheOpset17Op() throws Exception {
        Network fused = net("op_layernorm_decomposed.onnx");
        assertThat(types(fused)).containsExactly("Input", "LayerNorm");
        assertThat(outputOp(fused)).isEqualTo(outputOp(net("op_layernorm.onnx")));
    }

    @Test
    void geluPatternsFuseIntoOneGeluAndOtherErfProductsDoNot() throws Exception {
        assertThat(types(net("op_gelu.onnx"))).containsExactly("Input", "Gelu");
        assertThat(types(net("op_gelu_variant.onnx"))).containsExactly("Input", "Gelu");
        assertThat(types(net("op_erf_mul.onnx"))).containsExactly("Input", "Affine", "Erf", "Mul");
    }

    @Test
    void productsOfImageTensorsBroadcastAlongAxesOfOne() throws Exception {
        assertThat(types(net("op_mul_self.onnx"))).containsExactly("Input", "Mul");
        Network w = net("op_mul_broadcast_w.onnx");
        Node mul = w.node(w.output());
        assertThat(mul.op().type()).isEqualTo("Mul");
        assertThat(w.node(mul.input(1)).shape()).isEqualTo(TensorShape.of(2, 3, 1));
        Network c = net("op_mul_broadcast_c.onnx");
        assertThat(c.node(c.node(c.output()).input(0)).shape()).isEqualTo(TensorShape.of(1, 3, 4));
        assertThat(types(net("op_div_broadcast.onnx"))).containsExactly("Input", "Exp", "Slice", "Div");
        Network r = net("op_mul_rank_mismatch.onnx");
        Node m = r.node(r.output());
        assertThat(m.op().type()).isEqualTo("Mul");
        assertThat(r.node(m.input(1)).shape()).isEqualTo(TensorShape.of(1, 4, 1));
        assertThat(r.outputShape()).isEqualTo(TensorShape.of(6, 4, 1));
    }

    @Test
    void matMulOfImageTensorsIsBatchedOverTheFirstAxis() throws Exception {
        Network r3 = net("op_matmul_rank3.onnx");
        assertThat(outputOp(r3)).isInstanceOf(MatMul.class);
        assertThat(r3.outputShape()).isEqualTo(TensorShape.of(2, 3, 3));
        Network r2 = net("op_matmul_rank2.onnx");
        assertThat(ops(r2, MatMul.class)).hasSize(1);
        assertThat(r2.outputShape()).isEqualTo(TensorShape.of(4, 4, 1));
    }

    @Test
    void tokenWiseLinearIsAOneByOneConvolutionBetweenTransposes() throws Exception {
        Network net = net("op_linear_tokens.onnx");
        assertThat(types(net)).containsExactly("Input", "Reshape", "Transpose", "Conv2d", "Transpose");
        Conv2d conv = ops(net, Conv2d.class).get(0);
        assertThat(new int[] {conv.inChannels(), conv.outChannels(), conv.kernelH(), conv.kernelW()})
                .containsExactly(4, 5, 1, 1);
        assertThat(conv.bias()).doesNotContain(0.0);
        assertThat(net.outputShape()).isEqualTo(TensorShape.of(6, 5, 1));
    }

    @Test
    void gatherAndSliceBecomeIrSlices() throws Exception {
        Network cls = net("op_gather_cls.onnx");
        assertThat(ops(cls, Slice.class)).containsExactly(new Slice(0, 0, 1));
        assertThat(cls.outputShape()).isEqualTo(TensorShape.of(4, 1, 1));
        assertThat(ops(net("op_gather_axis3.onnx"), Slice.class)).containsExactly(new Slice(2, 2, 3));
        Network s = net("op_slice.onnx");
        assertThat(ops(s, Slice.class)).containsExactly(new Slice(1, 1, 3), new Slice(2, 1, 4));
        assertThat(s.outputShape()).isEqualTo(TensorShape.of(2, 2, 3));
    }

    @Test
    void concatWithAConstantClassTokenAndAlongOtherAxes() throws Exception {
        Network cls = net("op_concat_cls.onnx");
        assertThat(ops(cls, Concat.class)).hasSize(1);
        Dense constant = ops(cls, Dense.class).get(0);
        assertThat(constant.weights()).containsOnly(0.0);
        assertThat(constant.bias()).hasSize(4);
        assertThat(cls.outputShape()).isEqualTo(TensorShape.of(7, 4, 1));
        Network w = net("op_concat_const_w.onnx");
        assertThat(types(w)).contains("Transpose", "Concat");
        assertThat(w.outputShape()).isEqualTo(TensorShape.of(2, 3, 6));
        assertThat(net("op_concat_h.onnx").outputShape()).isEqualTo(TensorShape.of(2, 6, 4));
    }

    @Test
    void visionTransformersTranslateWithNamedAttentionSoftmaxes() throws Exception {
        for (String file : List.of("vit_16.onnx", "vit_16_opset14.onnx", "vit_16_unfolded.onnx", "vit_32.onnx")) {
            Network net = net(file);
            assertThat(ops(net, LayerNorm.class)).as(file).hasSize(5);
            assertThat(ops(net, Gelu.class)).as(file).hasSize(2);
            assertThat(ops(net, MatMul.class)).as(file).hasSize(4);
            assertThat(ops(net, Dense.class)).as(file).hasSize(2);
            assertThat(types(net)).as(file).doesNotContain("Erf");
            for (int b = 0; b < 2; b++) {
                Node softmax = net.node("/blocks." + b + "/attn/Softmax_output_0").orElseThrow();
                int tokens = file.contains("32") ? 65 : 17;
                assertThat(softmax.op()).isEqualTo(new Softmax(2));
                assertThat(softmax.shape()).isEqualTo(TensorShape.of(2, tokens, tokens));
            }
            assertThat(net.outputShape()).isEqualTo(TensorShape.vector(2));
        }
    }

    /** Writes a graph conv3(input) -> op(...) -> output and returns the refusal. */
    private UnsupportedLayerException refusedGraph(String label, int opset, java.util.function.Function<OnnxGraph,
            String> body) {
        OnnxGraph g = new OnnxGraph(label, 3).input("input", 1, 1, 6, 6);
        String out = body.apply(g);
        g.node("Identity", in(out), new String[] {"output"});
        g.output("output");
        Path file = g.write(dir, label + ".onnx", opset);
        UnsupportedLayerException e = catchThrowableOfType(UnsupportedLayerException.class,
                () -> backend.load(file, Parameters.empty()));
        assertThat(e).as(label).isNotNull();
        assertThat(e.getMessage()).as(label).doesNotContain("\n").contains(e.layerName());
        return e;
    }

    @Test
    void whatTheIrCannotHoldIsRefusedNamingNodeOpAndReason() {
        UnsupportedLayerException gather = refusedGraph("gather2", 13, g -> g.node("Gather",
                in(g.conv3("input", 1, 2), g.ints("idx", 0, 1)), attr("axis", 2L)));
        assertThat(gather.layerType()).isEqualTo("Gather");
        assertThat(gather.getMessage()).contains("only one integer index");
        UnsupportedLayerException step = refusedGraph("step", 13, g -> g.node("Slice", in(g.conv3("input", 1, 2),
                g.ints("st", 0), g.ints("en", 6), g.ints("ax", 3), g.ints("sp", 2))));
        assertThat(step.layerType()).isEqualTo("Slice");
        assertThat(step.getMessage()).contains("step 2").contains("only step 1");
        UnsupportedLayerException ranks = refusedGraph("ranks", 13, g -> {
            String a = g.conv3("input", 1, 2);
            String r = g.node("Reshape", in(a, g.ints("shp", 1, 12, 6)));
            return g.node("MatMul", in(a, r));
        });
        assertThat(ranks.layerType()).isEqualTo("MatMul");
        assertThat(ranks.getMessage()).contains("[1, 2, 6, 6]").contains("[1, 12, 6]");
        UnsupportedLayerException batch = refusedGraph("batch", 13, g -> {
            String a = g.conv3("input", 1, 2);
            return g.node("Concat", in(a, a), attr("axis", 0L));
        });
        assertThat(batch.layerType()).isEqualTo("Concat");
        assertThat(batch.getMessage()).contains("batch axis");
        UnsupportedLayerException stats = refusedGraph("stats", 17, g -> {
            String a = g.conv3("input", 1, 2);
            g.node("LayerNormalization", in(a, g.weight("gamma", 1, 6)), new String[] {"y", "mean"});
            return g.node("Add", in("y", "mean"));
        });
        assertThat(stats.layerType()).isEqualTo("LayerNormalization");
        assertThat(stats.getMessage()).contains("Mean or InvStdDev output is used");
        UnsupportedLayerException tanhGelu = refusedGraph("gelu_tanh", 20, g -> g.node("Gelu",
                in(g.conv3("input", 1, 2)), attr("approximate", "tanh")));
        assertThat(tanhGelu.layerType()).isEqualTo("Gelu");
        assertThat(tanhGelu.getMessage()).contains("approximate='tanh'");
    }
}
