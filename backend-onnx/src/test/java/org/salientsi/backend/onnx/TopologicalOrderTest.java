package org.salientsi.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.spi.Parameters;
import org.salientsi.backend.onnx.model.TopologicalOrder;

/**
 * The topological sort does work linear in the graph's size whatever the file order (the earlier sort made
 * one pass per node of a chain written backwards: quadratic), and a 50,000-node chain loads.
 */
class TopologicalOrderTest {

    @TempDir
    Path dir;

    /** A chain x -> n0 -> n1 -> ... of single-input nodes (Relu), in file order or reversed. */
    private static List<NodeProto> chain(int n, boolean reversed) {
        List<NodeProto> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            nodes.add(NodeProto.newBuilder().setOpType("Relu").setName("n" + i).addInput(i == 0 ? "x" : "t" + (i - 1))
                    .addOutput("t" + i).build());
        }
        if (reversed) {
            Collections.reverse(nodes);
        }
        return nodes;
    }

    @Test
    void aChainIsSortedWithWorkLinearInItsLength() throws Exception {
        for (boolean reversed : new boolean[] {false, true}) {
            TopologicalOrder small = TopologicalOrder.of(chain(10_000, reversed), Set.of("x"));
            TopologicalOrder large = TopologicalOrder.of(chain(40_000, reversed), Set.of("x"));
            // each node visited as a root and once on the stack, each input edge followed once
            assertThat(small.steps()).isLessThanOrEqualTo(3L * 10_000);
            assertThat(large.steps()).isLessThanOrEqualTo(3L * 40_000);
            assertThat((double) large.steps() / small.steps()).isBetween(3.9, 4.1);
            for (int i = 0; i < large.order().size(); i++) {
                assertThat(large.order().get(i).getName()).isEqualTo("n" + i);
            }
        }
    }

    @Test
    void aGraphInFileOrderKeepsItsOrder() throws Exception {
        List<NodeProto> nodes = List.of(
                NodeProto.newBuilder().setName("a").addInput("x").addOutput("a").build(),
                NodeProto.newBuilder().setName("b").addInput("x").addOutput("b").build(),
                NodeProto.newBuilder().setName("c").addInput("a").addInput("b").addOutput("c").build());
        assertThat(TopologicalOrder.of(nodes, Set.of("x")).order()).containsExactlyElementsOf(nodes);
        List<NodeProto> shuffled = List.of(nodes.get(2), nodes.get(1), nodes.get(0));
        assertThat(TopologicalOrder.of(shuffled, Set.of("x")).order()).extracting(NodeProto::getName)
                .containsExactly("a", "b", "c"); // c's producers in the order of its inputs
    }

    @Test
    void aCycleIsReportedWithANodeOnIt() {
        List<NodeProto> nodes = List.of(
                NodeProto.newBuilder().setName("p").setOpType("Add").addInput("x").addInput("q").addOutput("p").build(),
                NodeProto.newBuilder().setName("q").setOpType("Relu").addInput("p").addOutput("q").build());
        assertThatThrownBy(() -> TopologicalOrder.of(nodes, Set.of("x")))
                .isInstanceOf(TopologicalOrder.CycleException.class).hasMessageContaining("cycle");
    }

    @Test
    void aFiftyThousandNodeChainWrittenBackwardsLoads() throws Exception {
        OnnxGraph g = new OnnxGraph("long", 5);
        g.input("x", 1, 1, 2, 2);
        List<String> outs = new ArrayList<>();
        String prev = "x";
        for (int i = 0; i < 50_000; i++) {
            String op = i % 2 == 0 ? "Relu" : "Identity";
            prev = g.node(op, OnnxGraph.in(prev));
            outs.add(prev);
        }
        g.node("GlobalAveragePool", OnnxGraph.in(prev), new String[] {"y"});
        g.output("y");
        var m = g.model(13);
        var reversed = m.getGraph().toBuilder().clearNode();
        for (int i = m.getGraph().getNodeCount() - 1; i >= 0; i--) {
            reversed.addNode(m.getGraph().getNode(i));
        }
        Path file = dir.resolve("chain.onnx");
        java.nio.file.Files.write(file, m.toBuilder().setGraph(reversed).build().toByteArray());
        try (LoadedModel loaded = new OnnxBackendProvider().backend().load(file, Parameters.empty())) {
            double[] y = loaded.predict(Image.of(ImageShape.of(2, 2, 1), new double[] {1, -1, 2, -2}));
            assertThat(y).containsExactly(0.75);
        }
    }
}
