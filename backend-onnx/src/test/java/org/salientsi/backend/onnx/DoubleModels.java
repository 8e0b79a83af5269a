package org.salientsi.backend.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites a float32 ONNX model as float64 (initializers, Constant values, graph input and output types, Casts to
 * float) so that ONNX Runtime computes it in double precision: the float32 weights widen exactly, so a float64 run
 * is the model's own arithmetic to rounding (1e-15), the reference for 1e-9 conformance.
 */
final class DoubleModels {

    private DoubleModels() {
    }

    /**
     * @param in a float32 model
     * @param out where to write the float64 model
     * @return {@code out}
     */
    static Path convert(Path in, Path out) throws IOException {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(in));
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            g.setInitializer(i, widen(g.getInitializer(i)));
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto.Builder n = g.getNode(i).toBuilder();
            for (int a = 0; a < n.getAttributeCount(); a++) {
                AttributeProto at = n.getAttribute(a);
                if (at.hasT()) {
                    n.setAttribute(a, at.toBuilder().setT(widen(at.getT())));
                } else if (n.getOpType().equals("Cast") && at.getName().equals("to")
                        && at.getI() == TensorProto.DataType.FLOAT_VALUE) {
                    n.setAttribute(a, at.toBuilder().setI(TensorProto.DataType.DOUBLE_VALUE));
                }
            }
            g.setNode(i, n);
        }
        for (int i = 0; i < g.getInputCount(); i++) {
            g.setInput(i, widen(g.getInput(i)));
        }
        for (int i = 0; i < g.getOutputCount(); i++) {
            g.setOutput(i, widen(g.getOutput(i)));
        }
        g.clearValueInfo();
        Files.write(out, m.toBuilder().setGraph(g).build().toByteArray());
        return out;
    }

    private static ValueInfoProto widen(ValueInfoProto v) {
        if (v.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE) {
            return v;
        }
        ValueInfoProto.Builder b = v.toBuilder();
        b.getTypeBuilder().getTensorTypeBuilder().setElemType(TensorProto.DataType.DOUBLE_VALUE);
        return b.build();
    }

    private static TensorProto widen(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            return t;
        }
        TensorProto.Builder b = t.toBuilder().clearFloatData().clearRawData()
                .setDataType(TensorProto.DataType.DOUBLE_VALUE);
        if (t.hasRawData()) {
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            while (raw.remaining() >= 4) {
                b.addDoubleData(raw.getFloat());
            }
        } else {
            for (float f : t.getFloatDataList()) {
                b.addDoubleData(f);
            }
        }
        return b.build();
    }
}
