package org.salientsi.backend.onnx;

import static org.salientsi.backend.onnx.OnnxGraph.attr;
import static org.salientsi.backend.onnx.OnnxGraph.in;
import static org.salientsi.backend.onnx.OnnxGraph.intList;

import ai.onnx.proto.OnnxMl.AttributeProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Models written from Java for the forms the fixtures lack: opsets 18 to 21 (ReduceMean/ReduceMax
 * with axes as an input, Resize with sizes, scales, axes, keep_aspect_ratio_policy and every
 * coordinate and nearest mode, Pad with an axes input), and a few more op variants (auto_pad,
 * ceil_mode, dilations, groups, MatMul + Add, arithmetic with constants, Clip, PRelu, Abs,
 * BatchNormalization, Transpose, folded shape arithmetic, float64, opset 10 forms). Each is checked
 * against ONNX Runtime.
 */
final class GeneratedModels {

    /**
     * @param name file stem and label
     * @param opset the opset
     * @param graph the graph
     */
    record Generated(String name, int opset, OnnxGraph graph) {
        Path write(Path dir) {
            return graph.write(dir, name + ".onnx", opset);
        }
    }

    private GeneratedModels() {
    }

    static List<Generated> all() {
        List<Generated> list = new ArrayList<>();
        list.add(new Generated("reducemean_axes_input_op18", 18, reduceMeanAxesInput()));
        list.add(resize("resize_nearest_asymmetric_prefer_floor_op18", 18, g -> g.node("Resize",
                in("x", "", g.floats("scales", 1, 1, 2, 2)), attr("mode", "nearest"),
                attr("coordinate_transformation_mode", "asymmetric"), attr("nearest_mode", "round_prefer_floor"))));
        list.add(resize("resize_nearest_asymmetric_prefer_ceil_op19", 19, g -> g.node("Resize",
                in("x", "", g.floats("scales", 1, 1, 2, 2)), attr("mode", "nearest"),
                attr("coordinate_transformation_mode", "asymmetric"), attr("nearest_mode", "round_prefer_ceil"))));
        list.add(resize("resize_nearest_align_corners_sizes_op20", 20, g -> g.node("Resize",
                in("x", "", "", g.ints("sizes", 1, 3, 7, 7)), attr("mode", "nearest"),
                attr("coordinate_transformation_mode", "align_corners"))));
        list.add(resize("resize_linear_align_corners_sizes_op21", 21, g -> g.node("Resize",
                in("x", "", "", g.ints("sizes", 1, 3, 7, 9)), attr("mode", "linear"),
                attr("coordinate_transformation_mode", "align_corners"))));
        list.add(resize("resize_linear_pytorch_half_pixel_op18", 18, g -> g.node("Resize",
                in("x", "", "", g.ints("sizes", 1, 3, 1, 6)), attr("mode", "linear"),
                attr("coordinate_transformation_mode", "pytorch_half_pixel"))));
        list.add(resize("resize_nearest_half_pixel_ceil_op20", 20, g -> g.node("Resize",
                in("x", "", g.floats("scales", 1, 1, 1.5, 2.5)), attr("mode", "nearest"),
                attr("coordinate_transformation_mode", "half_pixel"), attr("nearest_mode", "ceil"))));
        list.add(resize("resize_nearest_floor_downsample_op19", 19, g -> g.node("Resize",
                in("x", "", g.floats("scales", 1, 1, 0.5, 0.5)), attr("mode", "nearest"),
                attr("nearest_mode", "floor"))));
        list.add(resize("resize_linear_axes_scales_op18", 18, g -> g.node("Resize",
                in("x", "", g.floats("scales", 2, 2)), attr("mode", "linear"), intList("axes", 2, 3))));
        list.add(resize("resize_keep_aspect_not_larger_op18", 18, g -> g.node("Resize",
                in("x", "", "", g.ints("sizes", 6, 10)), attr("mode", "nearest"), intList("axes", 2, 3),
                attr("keep_aspect_ratio_policy", "not_larger"), attr("nearest_mode", "round_prefer_ceil"))));
        list.add(new Generated("leakyrelu_pad_axes_avgpool_op18", 18, leakyPadAvgPool()));
        list.add(new Generated("batchnorm_transpose_softmax_op21", 21, batchNormTransposeSoftmax()));
        list.add(new Generated("shape_folding_op18", 18, shapeFolding()));
        list.add(new Generated("arithmetic_clip_op20", 20, arithmeticClip()));
        list.add(new Generated("prelu_abs_op19", 19, preluAbs()));
        list.add(new Generated("pool_variants_op19", 19, poolVariants()));
        list.add(new Generated("float64_op18", 18, float64()));
        list.add(new Generated("legacy_forms_op10", 10, legacyForms()));
        list.add(new Generated("conv_transpose_op17", 17, convTranspose()));
        return list;
    }

    private static OnnxGraph reduceMeanAxesInput() {
        OnnxGraph g = new OnnxGraph("reducemean_axes_input", 1801).input("input", 1, 1, 8, 8);
        String x = g.relu(g.conv3("input", 1, 4));
        x = g.relu(g.conv3(x, 4, 4));
        String r = g.node("ReduceMean", in(x, g.constantInts(-1, -2)), attr("keepdims", 0L));
        String w = g.weight("fc.weight", 0.5, 4, 2);
        String c = g.weight("fc.bias", 0.1, 2);
        g.node("Gemm", in(r, w, c), new String[] {"output"}, attr("alpha", 0.5), attr("beta", 2.0));
        return g.output("output");
    }

    /** conv, relu, 2x2 max pool to 3x4x4 (tensor "x"), the resize, conv, relu, GAP head. */
    private static Generated resize(String name, int opset, java.util.function.Function<OnnxGraph, String> resize) {
        OnnxGraph g = new OnnxGraph(name, name.hashCode()).input("input", 1, 1, 8, 8);
        String f = g.relu(g.conv3("input", 1, 3));
        g.node("MaxPool", in(f), new String[] {"x"}, intList("kernel_shape", 2, 2), intList("strides", 2, 2));
        String up = resize.apply(g);
        String y = g.relu(g.conv3(up, 3, 2));
        g.head(y, 2, 1, "output");
        return new Generated(name, opset, g);
    }

    private static OnnxGraph leakyPadAvgPool() {
        OnnxGraph g = new OnnxGraph("leaky_pad_avgpool", 1802).input("input", 1, 1, 8, 8);
        String x = g.node("LeakyRelu", in(g.conv3("input", 1, 4)), attr("alpha", 0.2));
        x = g.node("Pad", in(x, g.ints("pads", 1, 2, 0, 1), "", g.ints("pad_axes", 2, 3)), attr("mode", "constant"));
        x = g.node("AveragePool", in(x), intList("kernel_shape", 3, 3), intList("strides", 2, 2),
                intList("pads", 1, 1, 1, 1), attr("count_include_pad", 1L), attr("ceil_mode", 1L));
        x = g.relu(g.conv3(x, 4, 3));
        x = g.node("ReduceMax", in(x, g.ints("max_axes", 2, 3)), attr("keepdims", 1L));
        x = g.node("Flatten", in(x));
        String mm = g.node("MatMul", in(x, g.weight("mm.weight", 0.7, 3, 2)));
        g.node("Add", in(mm, g.weight("mm.bias", 0.1, 2)), new String[] {"output"});
        return g.output("output");
    }

    private static OnnxGraph batchNormTransposeSoftmax() {
        OnnxGraph g = new OnnxGraph("bn_transpose_softmax", 2101).input("input", 1, 2, 9, 7);
        String x = g.conv("input", 2, 4, 3, attr("auto_pad", "SAME_UPPER"), intList("strides", 2, 2));
        x = g.node("BatchNormalization", in(x, g.positive("bn.scale", 0.5, 1.5, 4), g.weight("bn.bias", 0.2, 4),
                g.weight("bn.mean", 0.2, 4), g.positive("bn.var", 0.3, 2.0, 4)), attr("epsilon", 1e-3));
        x = g.relu(x);
        x = g.node("Transpose", in(x), intList("perm", 0, 1, 3, 2));
        String w = g.weight("grouped.weight", 0.4, 4, 2, 2, 4);
        x = g.node("Conv", in(x, w), attr("auto_pad", "SAME_LOWER"), attr("group", 2L));
        x = g.node("GlobalMaxPool", in(x));
        x = g.node("Reshape", in(x, g.constantInts(1, -1)));
        x = g.node("Dropout", in(x), attr("seed", 3L));
        String logits = g.node("Gemm", in(x, g.weight("fc.weight", 0.8, 3, 4), g.weight("fc.bias", 0.1, 3)),
                attr("transB", 1L));
        g.node("Softmax", in(logits), new String[] {"output"}, attr("axis", -1L));
        return g.output("output");
    }

    private static OnnxGraph shapeFolding() {
        OnnxGraph g = new OnnxGraph("shape_folding", 1803).input("input", "batch", 1, 8, 8);
        String f = g.relu(g.conv3("input", 1, 3));
        f = g.node("MaxPool", in(f), intList("kernel_shape", 2, 2), intList("strides", 2, 2));
        String s = g.node("Shape", in(f));
        String lead = g.node("Slice", in(s, g.constantInts(0), g.constantInts(2)));
        String hw = g.node("Slice", in(s, g.constantInts(-2), g.constantInts(Long.MAX_VALUE), g.constantInts(0),
                g.constantInts(1)));
        String hw2 = g.node("Mul", in(hw, g.constantInts(2)));
        String sizes = g.node("Concat", in(lead, hw2), attr("axis", 0L));
        String up = g.node("Resize", in(f, "", "", sizes), attr("mode", "nearest"));
        up = g.relu(g.conv3(up, 3, 2));
        String s2 = g.node("Shape", in(up));
        String n = g.node("Gather", in(s2, g.scalarInt("zero", 0)), attr("axis", 0L));
        String n1 = g.node("Unsqueeze", in(n, g.constantInts(0)));
        String shape = g.node("Concat", in(n1, g.constantInts(-1)), attr("axis", 0L));
        String flat = g.node("Reshape", in(up, shape));
        String cast = g.node("Cast", in(flat), attr("to", 1L));
        g.node("Gemm", in(cast, g.weight("fc.weight", 0.1, 2, 128), g.weight("fc.bias", 0.1, 2)),
                new String[] {"output"}, attr("transB", 1L));
        return g.output("output");
    }

    private static OnnxGraph arithmeticClip() {
        OnnxGraph g = new OnnxGraph("arithmetic_clip", 2001).input("input", 1, 3, 6, 6);
        String x = g.node("Sub", in("input", g.reals("mean", new long[] {1, 3, 1, 1}, 0.1, -0.2, 0.3)));
        x = g.node("Div", in(x, g.positive("std", 0.5, 2.0, 3, 1, 1)));
        String a = g.conv3(x, 3, 4);
        a = g.node("Mul", in(g.scalar("gain", 0.7), a));
        a = g.node("Add", in(a, g.weight("shift", 0.3, 4, 1, 1)));
        String r = g.relu(a);
        String b = g.conv3(r, 4, 4);
        String s = g.node("Add", in(r, b));
        String d = g.node("Sub", in(s, a));
        String c = g.node("Clip", in(d, g.scalar("lo", 0.0), g.scalar("hi", 1.5)));
        String e = g.node("Sub", in(g.scalar("one", 1.0), c));
        String m = g.node("Clip", in(e, "", g.scalar("hi2", 0.8)));
        m = g.node("Sum", in(m, r, b));
        g.head(m, 4, 2, "output");
        return g;
    }

    private static OnnxGraph preluAbs() {
        OnnxGraph g = new OnnxGraph("prelu_abs", 1901).input("input", 1, 1, 7, 7);
        String x = g.conv3("input", 1, 4);
        x = g.node("PRelu", in(x, g.weight("slope", 0.3, 4, 1, 1)));
        x = g.conv3(x, 4, 3);
        x = g.node("PRelu", in(x, g.scalar("slope1", 0.25)));
        x = g.conv3(x, 3, 3);
        x = g.node("Abs", in(x));
        x = g.node("Neg", in(x));
        g.head(x, 3, 2, "output");
        return g;
    }

    private static OnnxGraph poolVariants() {
        OnnxGraph g = new OnnxGraph("pool_variants", 1902).input("input", 1, 2, 11, 10);
        String x = g.relu(g.conv3("input", 2, 2));
        String a = g.node("MaxPool", in(x), intList("kernel_shape", 3, 3), intList("strides", 2, 2),
                attr("auto_pad", "SAME_UPPER"));
        String b = g.node("AveragePool", in(x), intList("kernel_shape", 3, 3), intList("strides", 2, 2),
                intList("pads", 1, 0, 1, 0), attr("ceil_mode", 1L), attr("count_include_pad", 0L));
        String c = g.node("Concat", in(a, b), attr("axis", -3L));
        String d = g.relu(g.conv(c, 4, 3, 3, intList("pads", 0, 1, 2, 1), intList("dilations", 1, 2),
                intList("strides", 1, 2)));
        String e = g.node("MaxPool", in(d), intList("kernel_shape", 2, 2), intList("strides", 1, 1),
                intList("pads", 1, 1, 0, 0), attr("ceil_mode", 1L));
        g.head(e, 3, 2, "output");
        return g;
    }

    private static OnnxGraph float64() {
        OnnxGraph g = new OnnxGraph("float64", 1804).doubles().input("input", 1, 1, 6, 6);
        // ONNX Runtime's CPU provider has no float64 Conv: pooling, affine maps and dense layers only
        String x = g.node("MaxPool", in("input"), intList("kernel_shape", 2, 2), intList("strides", 2, 2));
        x = g.node("Mul", in(x, g.scalar("gain", 1.7)));
        x = g.node("Flatten", in(x));
        String mm = g.node("MatMul", in(x, g.weight("mm.weight", 0.5, 9, 5)));
        x = g.relu(g.node("Add", in(mm, g.weight("mm.bias", 0.1, 5))));
        g.node("Gemm", in(x, g.weight("fc.weight", 0.5, 5, 2), g.weight("fc.bias", 0.1, 2)), new String[] {"output"});
        return g.output("output");
    }

    private static OnnxGraph legacyForms() {
        OnnxGraph g = new OnnxGraph("legacy_forms", 1001).input("input", 1, 1, 8, 8);
        String x = g.conv3("input", 1, 3);
        x = g.node("Clip", in(x), attr("min", 0.0), attr("max", 6.0));
        x = g.node("Pad", in(x), intList("pads", 0, 0, 1, 0, 0, 0, 1, 1), attr("mode", "constant"));
        x = g.node("MaxPool", in(x), intList("kernel_shape", 2, 2), intList("strides", 2, 2));
        x = g.node("Resize", in(x, g.floats("scales", 1, 1, 2, 2)), attr("mode", "linear"));
        x = g.relu(g.conv3(x, 3, 2));
        x = g.node("Resize", in(x, g.floats("scales2", 1, 1, 0.5, 0.5)), attr("mode", "nearest"));
        g.head(x, 2, 1, "output");
        return g;
    }

    /**
     * ConvTranspose with asymmetric pads and output padding (stride 2, 3x3, from 3x4x4 to 2x8x9), then one
     * with a non-square kernel and strides (1, 2) and no bias to a spatial output of 1x9x19.
     */
    static OnnxGraph convTranspose() {
        OnnxGraph g = new OnnxGraph("conv_transpose", 1701).input("input", 1, 1, 8, 8);
        String x = g.relu(g.conv3("input", 1, 3));
        x = g.node("MaxPool", in(x), intList("kernel_shape", 2, 2), intList("strides", 2, 2));
        x = g.relu(g.node("ConvTranspose", in(x, g.weight("up.weight", 0.5, 3, 2, 3, 3), g.weight("up.bias", 0.1, 2)),
                intList("strides", 2, 2), intList("pads", 1, 0, 1, 1), intList("output_padding", 1, 1)));
        g.node("ConvTranspose", in(x, g.weight("out.weight", 0.5, 2, 1, 2, 3)), new String[] {"output"},
                intList("strides", 1, 2), intList("kernel_shape", 2, 3));
        return g.output("output");
    }

    /** @return an attribute array (for readability at call sites) */
    static AttributeProto[] attrs(AttributeProto... a) {
        return a;
    }
}
