package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.Div;
import org.salientsi.api.ir.Erf;
import org.salientsi.api.ir.Exp;
import org.salientsi.api.ir.Gelu;
import org.salientsi.api.ir.LayerNorm;
import org.salientsi.api.ir.MatMul;
import org.salientsi.api.ir.Mul;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Slice;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.Tanh;
import org.salientsi.api.ir.TensorShape;

/**
 * Point evaluation of the smooth ops against PyTorch 1.13 in float64 ({@code torch-smooth-ops.json}, written
 * by {@code src/test/python/smooth_ops_reference.py}): the elementwise functions, softmax along each axis and
 * over all elements, layer normalisation along each axis, Mul and Div with broadcasting and MatMul with a
 * shared side, each within 1e-12 relative. The two inputs of a binary op are slices of one network input
 * (so Slice is exercised too). Breakdowns at points are typed and name the node; the exact walk refuses the
 * smooth ops by name.
 */
class SmoothKernelReferenceTest {

    private static final String RESOURCE = "/org/salientsi/core/eval/torch-smooth-ops.json";

    @Test
    void everyOpMatchesPyTorch() throws IOException {
        JsonNode doc;
        try (InputStream in = SmoothKernelReferenceTest.class.getResourceAsStream(RESOURCE)) {
            doc = new ObjectMapper().readTree(in);
        }
        List<String> ops = new ArrayList<>();
        for (JsonNode c : doc.get("cases")) {
            String op = c.get("op").asText();
            List<TensorShape> shapes = new ArrayList<>();
            List<double[]> data = new ArrayList<>();
            for (JsonNode in : c.get("inputs")) {
                shapes.add(shape(in.get("shape")));
                data.add(doubles(in.get("data")));
            }
            Network net = network(op(c), shapes);
            int total = data.stream().mapToInt(d -> d.length).sum();
            double[] x = new double[total];
            int at = 0;
            for (double[] d : data) {
                System.arraycopy(d, 0, x, at, d.length);
                at += d.length;
            }
            double[] y = CompiledNetwork.compile(net).pointEvaluator().evaluate(x).value(net.output()).clone();
            double[] want = doubles(c.get("output"));
            assertThat(net.node(net.output()).shape()).isEqualTo(shape(c.get("outShape")));
            assertThat(y).hasSize(want.length);
            for (int i = 0; i < y.length; i++) {
                assertThat(Math.abs(y[i] - want[i])).as("%s %s output %d", op, c.get("axis"), i)
                        .isLessThanOrEqualTo(1e-12 * Math.abs(want[i]) + 1e-300);
            }
            ops.add(op);
        }
        assertThat(ops).contains("Tanh", "Exp", "Erf", "Sigmoid", "Gelu", "Softmax", "LayerNorm", "Mul", "Div",
                "MatMul");
        assertThat(ops).hasSize(21);
    }

    @Test
    void divisionByZeroIsATypedBreakdownNamingTheNode() {
        Network net = network(new Div(), List.of(TensorShape.of(1, 1, 2), TensorShape.of(1, 1, 2)));
        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        assertThat(point.evaluate(new double[] {1, 2, 3, 4}).value(net.output())).containsExactly(1.0 / 3, 0.5);
        assertThatThrownBy(() -> point.evaluate(new double[] {1, 2, 3, 0}))
                .isInstanceOf(NumericalBreakdownException.class).hasMessageContaining("'op'")
                .hasMessageContaining("Div").hasMessageContaining("division by zero");
    }

    @Test
    void overflowingExponentialIsATypedBreakdownNamingTheNode() {
        Network net = network(new Exp(), List.of(TensorShape.of(1, 1, 2)));
        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        assertThat(point.evaluate(new double[] {700, 0}).value(net.output())[0]).isEqualTo(Math.exp(700));
        assertThatThrownBy(() -> point.evaluate(new double[] {710, 0}))
                .isInstanceOf(NumericalBreakdownException.class).hasMessageContaining("'op'")
                .hasMessageContaining("Exp").hasMessageContaining("Infinity");
    }

    @Test
    void softmaxStaysFiniteForLargeLogits() {
        Network net = network(new Softmax(2), List.of(TensorShape.of(1, 2, 3)));
        double[] y = CompiledNetwork.compile(net).pointEvaluator().evaluate(new double[] {1000, 999, -1000, -800, -800,
                -800}).value(net.output());
        double e = Math.exp(-1);
        assertThat(y).containsExactly(1 / (1 + e), e / (1 + e), 0, 1.0 / 3, 1.0 / 3, 1.0 / 3);
    }

    @Test
    void theExactWalkRefusesSmoothOpsByNodeAndType() {
        Network net = network(new Gelu(), List.of(TensorShape.of(1, 2, 2)));
        CompiledNetwork program = CompiledNetwork.compile(net);
        assertThatThrownBy(() -> program.lineEvaluator(net.output())).isInstanceOf(UnsupportedLayerException.class)
                .hasMessageContaining("op").hasMessageContaining("Gelu");
        assertThat(program.piecewiseLinear(net.output())).isFalse();
        assertThat(program.segmentBoundsSupported(net.output())).isTrue();
    }

    /**
     * A network whose input is the inputs' values one after another (a row), each input a slice of it
     * reshaped, and whose output is the op on them (named "op").
     */
    static Network network(Op op, List<TensorShape> inputs) {
        int total = inputs.stream().mapToInt(TensorShape::size).sum();
        Network.Builder b = Network.builder(TensorShape.of(1, 1, total));
        int[] ids = new int[inputs.size()];
        int at = 0;
        for (int j = 0; j < inputs.size(); j++) {
            TensorShape s = inputs.get(j);
            int slice = b.add("slice" + j, new Slice(2, at, at + s.size()), b.input());
            ids[j] = b.add("in" + j, new Reshape(s), slice);
            at += s.size();
        }
        return b.build(b.add("op", op, ids));
    }

    private static Op op(JsonNode c) {
        String name = c.get("op").asText();
        return switch (name) {
            case "Tanh" -> new Tanh();
            case "Exp" -> new Exp();
            case "Erf" -> new Erf();
            case "Sigmoid" -> new Sigmoid();
            case "Gelu" -> new Gelu();
            case "Softmax" -> new Softmax(c.get("axis").asInt());
            case "LayerNorm" -> new LayerNorm(c.get("axis").asInt(), doubles(c.get("gamma")), doubles(c.get("beta")),
                    c.get("epsilon").asDouble());
            case "Mul" -> new Mul();
            case "Div" -> new Div();
            case "MatMul" -> new MatMul();
            default -> throw new AssertionError(name);
        };
    }

    private static TensorShape shape(JsonNode a) {
        return TensorShape.of(a.get(0).asInt(), a.get(1).asInt(), a.get(2).asInt());
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}
