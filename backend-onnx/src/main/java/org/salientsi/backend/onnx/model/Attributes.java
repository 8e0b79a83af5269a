package org.salientsi.backend.onnx.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Typed access to the attributes of one ONNX node, with the defaults of the operator's schema.
 *
 * @implNote ONNX stores float attributes ({@code alpha} of LeakyRelu, {@code epsilon} of
 *     BatchNormalization, ...) in float32. They are widened through their shortest decimal form
 *     ({@code 0.1f} becomes {@code 0.1}, not {@code 0.10000000149011612}), which recovers the value
 *     the exporter was given: the IR then agrees with a float64 run of the source model to rounding
 *     (1e-15) instead of 1e-9, and with ONNX Runtime's float32 run as closely as before.
 */
public final class Attributes {

    private final Map<String, AttributeProto> byName = new HashMap<>();

    private Attributes(NodeProto node) {
        for (AttributeProto a : node.getAttributeList()) {
            byName.put(a.getName(), a);
        }
    }

    /**
     * @param node a node
     * @return its attributes
     */
    public static Attributes of(NodeProto node) {
        return new Attributes(node);
    }

    /**
     * @param name an attribute name
     * @return whether the node sets it
     */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /**
     * @param name an attribute name
     * @param fallback the schema's default
     * @return the integer value
     */
    public long getInt(String name, long fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getI();
    }

    /**
     * @param name an attribute name
     * @param fallback the schema's default
     * @return the float value (widened)
     */
    public double getFloat(String name, double fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : widen(a.getF());
    }

    /**
     * @param f a float32 value
     * @return the double with the same shortest decimal representation
     */
    public static double widen(float f) {
        return Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : f;
    }

    /**
     * @param name an attribute name
     * @param fallback the schema's default
     * @return the string value (UTF-8)
     */
    public String getString(String name, String fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getS().toString(StandardCharsets.UTF_8);
    }

    /**
     * @param name an attribute name
     * @return the integers, or {@code null} if unset
     */
    public long[] getInts(String name) {
        AttributeProto a = byName.get(name);
        if (a == null) {
            return null;
        }
        long[] v = new long[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getInts(i);
        }
        return v;
    }

    /**
     * @param name an attribute name
     * @return the floats (widened), or {@code null} if unset
     */
    public double[] getFloats(String name) {
        AttributeProto a = byName.get(name);
        if (a == null) {
            return null;
        }
        double[] v = new double[a.getFloatsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = widen(a.getFloats(i));
        }
        return v;
    }

    /**
     * @param name an attribute name
     * @return the attribute, or {@code null} if unset
     */
    public AttributeProto get(String name) {
        return byName.get(name);
    }
}
