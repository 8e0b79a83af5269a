package org.salientsi.backend.onnx.fold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.model.OnnxTypes;

/** The constant folding of shape arithmetic, op by op. */
class ConstantFolderTest {

    private static NodeProto node(String op, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op).addOutput("y");
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n.build();
    }

    private static AttributeProto attr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        Arrays.stream(v).forEach(a::addInts);
        return a.build();
    }

    private static ConstTensor fold(NodeProto n, int opset, ConstTensor... inputs) {
        return ConstantFolder.fold(n, Arrays.asList(inputs), opset).get(0);
    }

    private static ConstTensor ints2x3() {
        return ConstTensor.ofInts(new long[] {2, 3}, new long[] {1, 2, 3, 4, 5, 6}, OnnxTypes.INT64);
    }

    @Test
    void shapeOfATensorIsItsDimensionsWithOpset15StartAndEnd() {
        assertThat(ConstantFolder.fold(node("Shape"), List.of(ints2x3()), 13).get(0).integers()).containsExactly(2, 3);
        assertThat(fold(node("Shape", attr("start", -1)), 15, ints2x3()).integers()).containsExactly(3);
    }

    @Test
    void gatherTakesIndicesAlongAnAxisAndWrapsNegativeOnes() {
        ConstTensor idx = ConstTensor.ofInts(new long[0], new long[] {-1}, OnnxTypes.INT64);
        ConstTensor g = fold(node("Gather", attr("axis", 1)), 13, ints2x3(), idx);
        assertThat(g.dims()).containsExactly(2);
        assertThat(g.integers()).containsExactly(3, 6);
    }

    @Test
    void sliceHandlesNegativeStartsHugeEndsAndNegativeSteps() {
        ConstTensor v = ConstTensor.int64Vector(10, 20, 30, 40, 50);
        assertThat(fold(node("Slice"), 13, v, ConstTensor.int64Vector(-2), ConstTensor.int64Vector(Long.MAX_VALUE))
                .integers()).containsExactly(40, 50);
        assertThat(fold(node("Slice"), 13, v, ConstTensor.int64Vector(-1), ConstTensor.int64Vector(Long.MIN_VALUE),
                ConstTensor.int64Vector(0), ConstTensor.int64Vector(-2)).integers()).containsExactly(50, 30, 10);
        assertThat(fold(node("Slice", ints("starts", 1), ints("ends", 3)), 9, v).integers()).containsExactly(20, 30);
    }

    @Test
    void unsqueezeSqueezeAndConcatBuildShapeVectors() {
        ConstTensor scalar = ConstTensor.ofInts(new long[0], new long[] {7}, OnnxTypes.INT64);
        ConstTensor u = fold(node("Unsqueeze"), 13, scalar, ConstTensor.int64Vector(0));
        assertThat(u.dims()).containsExactly(1);
        assertThat(fold(node("Unsqueeze", ints("axes", 0)), 11, scalar).dims()).containsExactly(1);
        ConstTensor c = fold(node("Concat", attr("axis", 0)), 13, u, ConstTensor.int64Vector(-1));
        assertThat(c.integers()).containsExactly(7, -1);
        assertThat(fold(node("Squeeze"), 13, u).dims()).isEmpty();
    }

    @Test
    void reshapeCopiesZerosAndInfersMinusOne() {
        assertThat(ConstantFolder.reshapeDims(new long[] {1, 4, 2, 2}, new long[] {0, -1}, false))
                .containsExactly(1, 16);
        assertThatThrownBy(() -> ConstantFolder.reshapeDims(new long[] {1, 4}, new long[] {3, -1}, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arithmeticBroadcastsAndKeepsIntegersExact() {
        ConstTensor m = fold(node("Mul"), 13, ints2x3(), ConstTensor.int64Vector(2, 3, 4));
        assertThat(m.integers()).containsExactly(2, 6, 12, 8, 15, 24);
        ConstTensor d = fold(node("Div"), 13, ConstTensor.int64Vector(7, -7), ConstTensor.int64Vector(2));
        assertThat(d.integers()).as("integer division truncates").containsExactly(3, -3);
        ConstTensor f = fold(node("Mul"), 13, ConstTensor.int64Vector(3), ConstTensor.floatScalar(0.5));
        assertThat(f.isInteger()).isFalse();
        assertThat(f.reals()).containsExactly(1.5);
    }

    @Test
    void castRoundsToFloat32AndTruncatesToIntegers() {
        ConstTensor x = ConstTensor.ofReals(new long[] {2}, new double[] {0.1, -2.7}, OnnxTypes.DOUBLE);
        assertThat(fold(node("Cast", attr("to", OnnxTypes.FLOAT)), 13, x).reals())
                .containsExactly((double) 0.1f, (double) -2.7f);
        assertThat(fold(node("Cast", attr("to", OnnxTypes.INT64)), 13, x).integers()).containsExactly(0, -2);
    }

    @Test
    void transposeRangeAndConstantOfShapeFold() {
        assertThat(fold(node("Transpose", ints("perm", 1, 0)), 13, ints2x3()).integers())
                .containsExactly(1, 4, 2, 5, 3, 6);
        ConstTensor r = fold(node("Range"), 13, ConstTensor.int64Vector(1).reshape(new long[0]),
                ConstTensor.int64Vector(7).reshape(new long[0]), ConstTensor.int64Vector(2).reshape(new long[0]));
        assertThat(r.integers()).containsExactly(1, 3, 5);
        ConstTensor z = fold(node("ConstantOfShape"), 13, ConstTensor.int64Vector(2, 2));
        assertThat(z.dims()).containsExactly(2, 2);
        assertThat(z.reals()).containsOnly(0.0);
    }

    @Test
    void opsOutsideTheFoldableSetAreRefused() {
        assertThatThrownBy(() -> fold(node("Relu"), 13, ints2x3())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be folded");
    }

    @Test
    void expandOfTheClassTokenByAWhereOfShapesAsPyTorchExportsIt() {
        // PyTorch 1.13: shape = Where(Equal(target, ConstantOfShape * -1), ConstantOfShape, target); Expand(cls, shape)
        ConstTensor target = ConstTensor.int64Vector(1, -1, -1);
        ConstTensor ones = ConstTensor.int64Vector(1, 1, 1);
        ConstTensor minusOnes = ConstTensor.int64Vector(-1, -1, -1);
        ConstTensor eq = fold(node("Equal"), 13, target, minusOnes);
        assertThat(eq.onnxType()).isEqualTo(OnnxTypes.BOOL);
        assertThat(eq.integers()).containsExactly(0, 1, 1);
        ConstTensor shape = fold(node("Where"), 13, eq, ones, target);
        assertThat(shape.integers()).containsExactly(1, 1, 1);
        ConstTensor cls = ConstTensor.ofReals(new long[] {1, 1, 3}, new double[] {0.5, -1, 2}, OnnxTypes.FLOAT);
        ConstTensor e = fold(node("Expand"), 13, cls, shape);
        assertThat(e.dims()).containsExactly(1, 1, 3);
        ConstTensor wide = fold(node("Expand"), 13, ConstTensor.ofReals(new long[] {2, 1}, new double[] {1, 2},
                OnnxTypes.FLOAT), ConstTensor.int64Vector(1, 3));
        assertThat(wide.dims()).containsExactly(2, 3);
        assertThat(wide.reals()).containsExactly(1, 1, 1, 2, 2, 2);
    }

    @Test
    void expandBeyondTheElementLimitIsRefusedBeforeAllocating() {
        assertThatThrownBy(() -> fold(node("Expand"), 13, ConstTensor.floatScalar(1),
                ConstTensor.int64Vector(1 << 20, 1 << 20))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("elements");
    }
}
