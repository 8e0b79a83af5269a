package org.salientsi.backend.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Builds small ONNX models in test code (the opset 18 to 21 forms that Debian's exporter cannot
 * write): a fluent wrapper over the protobuf builders with seeded random weights.
 */
final class OnnxGraph {

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final SplittableRandom rng;
    private int elementType = TensorProto.DataType.FLOAT_VALUE;
    private int counter;

    OnnxGraph(String name, long seed) {
        graph.setName(name);
        rng = new SplittableRandom(seed);
    }

    /** Makes later inputs, outputs and weights float64. */
    OnnxGraph doubles() {
        elementType = TensorProto.DataType.DOUBLE_VALUE;
        return this;
    }

    /**
     * @param name input name
     * @param dims dimensions: a {@code Long}/{@code Integer} for a fixed one, a {@code String} for a
     *     symbolic one
     */
    OnnxGraph input(String name, Object... dims) {
        graph.addInput(valueInfo(name, elementType, dims));
        return this;
    }

    OnnxGraph output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType))));
        return this;
    }

    static ValueInfoProto valueInfo(String name, int elemType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            if (d instanceof String s) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(s));
            } else {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
            }
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    /** A random weight initializer, N(0, scale^2), stored as raw data. */
    String weight(String name, double scale, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * gaussian();
        }
        return reals(name, dims, v);
    }

    /** A positive random initializer in [lo, hi). */
    String positive(String name, double lo, double hi, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return reals(name, dims, v);
    }

    /** An initializer of the graph's float type with the given values, stored as raw data. */
    String reals(String name, long[] dims, double... values) {
        boolean dbl = elementType == TensorProto.DataType.DOUBLE_VALUE;
        ByteBuffer b = ByteBuffer.allocate(values.length * (dbl ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (dbl) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
        }
        graph.addInitializer(tensor(name, elementType, dims).setRawData(ByteString.copyFrom(b.array())));
        return name;
    }

    /** A float32 initializer stored in the typed {@code float_data} field. */
    String typedFloats(String name, long[] dims, double... values) {
        TensorProto.Builder t = tensor(name, TensorProto.DataType.FLOAT_VALUE, dims);
        for (double v : values) {
            t.addFloatData((float) v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A 1-D int64 initializer. */
    String ints(String name, long... values) {
        TensorProto.Builder t = tensor(name, TensorProto.DataType.INT64_VALUE, new long[] {values.length});
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A scalar int64 initializer. */
    String scalarInt(String name, long value) {
        graph.addInitializer(tensor(name, TensorProto.DataType.INT64_VALUE, new long[0]).addInt64Data(value));
        return name;
    }

    /** A scalar initializer of the graph's float type. */
    String scalar(String name, double value) {
        return reals(name, new long[0], value);
    }

    /** A 1-D float32 initializer (scales), whatever the graph's float type. */
    String floats(String name, double... values) {
        TensorProto.Builder t = tensor(name, TensorProto.DataType.FLOAT_VALUE, new long[] {values.length});
        for (double v : values) {
            t.addFloatData((float) v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A {@code Constant} node holding a 1-D int64 tensor; returns its output. */
    String constantInts(long... values) {
        TensorProto.Builder t = tensor("", TensorProto.DataType.INT64_VALUE, new long[] {values.length});
        for (long v : values) {
            t.addInt64Data(v);
        }
        String out = "const_" + (counter++);
        graph.addNode(NodeProto.newBuilder().setOpType("Constant").setName("/" + out).addOutput(out)
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(t)));
        return out;
    }

    private static TensorProto.Builder tensor(String name, int type, long[] dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type);
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    private double gaussian() {
        double u = rng.nextDouble();
        double w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
    }

    /**
     * Adds a node with one output named after the op and a counter.
     *
     * @param op the op type
     * @param inputs input names ("" for an omitted optional input)
     * @param attributes attributes made with {@link #attr}
     * @return the output name
     */
    String node(String op, String[] inputs, AttributeProto... attributes) {
        String out = "/" + op + "_" + (counter++) + "_output_0";
        node(op, inputs, new String[] {out}, attributes);
        return out;
    }

    /** Adds a node with the given outputs. */
    OnnxGraph node(String op, String[] inputs, String[] outputs, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName("/" + op + "_" + (counter++));
        for (String in : inputs) {
            n.addInput(in);
        }
        for (String out : outputs) {
            n.addOutput(out);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return this;
    }

    static String[] in(String... names) {
        return names;
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto attr(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build();
    }

    static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    static AttributeProto intList(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    // ---- common blocks ----------------------------------------------------------------------

    /** Conv with random weights and bias, 3x3, pads 1 unless attributes say otherwise. */
    String conv(String x, int in, int out, int k, AttributeProto... attributes) {
        String w = weight("w" + counter + "_conv", Math.sqrt(2.0 / (in * k * k)), out, in, k, k);
        String b = weight("b" + counter + "_conv", 0.1, out);
        return node("Conv", in(x, w, b), attributes);
    }

    /** Conv 3x3 with pads 1. */
    String conv3(String x, int in, int out) {
        return conv(x, in, out, 3, intList("pads", 1, 1, 1, 1), intList("kernel_shape", 3, 3));
    }

    String relu(String x) {
        return node("Relu", in(x));
    }

    /** GlobalAveragePool, Flatten and Gemm(transB=1) to {@code classes} outputs named {@code out}. */
    OnnxGraph head(String x, int channels, int classes, String out) {
        String gap = node("GlobalAveragePool", in(x));
        String flat = node("Flatten", in(gap), attr("axis", 1L));
        String w = weight("fc.weight", Math.sqrt(1.0 / channels), classes, channels);
        String b = weight("fc.bias", 0.1, classes);
        node("Gemm", in(flat, w, b), new String[] {out}, attr("transB", 1L));
        return output(out);
    }

    static int irVersion(int opset) {
        if (opset <= 9) {
            return 4;
        }
        if (opset == 10) {
            return 5;
        }
        if (opset == 11) {
            return 6;
        }
        if (opset <= 14) {
            return 7;
        }
        if (opset <= 18) {
            return 8;
        }
        return opset <= 20 ? 9 : 10;
    }

    ModelProto model(int opset) {
        return ModelProto.newBuilder().setIrVersion(irVersion(opset)).setProducerName("salientsi-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph.clone()).build();
    }

    Path write(Path dir, String file, int opset) {
        try {
            Path p = dir.resolve(file);
            Files.write(p, model(opset).toByteArray());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
