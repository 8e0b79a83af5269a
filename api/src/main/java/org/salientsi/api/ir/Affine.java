package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * Elementwise \( y = s \odot x + t \) with constants broadcast over the input: each of {@code scale}
 * and {@code shift} has one value, one per channel, or one per element (CHW order). ONNX's
 * {@code Mul}, {@code Add} and {@code Sub} by constants and input normalisations translate to it.
 *
 * @param scale 1, C or C*H*W values
 * @param shift 1, C or C*H*W values
 */
public record Affine(double[] scale, double[] shift) implements Op {

    /**
     * @throws org.salientsi.api.error.InvalidValueException if a value is not finite
     */
    public Affine {
        scale = Checks.finiteCopy("Affine scale", scale, -1);
        shift = Checks.finiteCopy("Affine shift", shift, -1);
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public double[] shift() {
        return shift.clone();
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        check("scale", scale.length, in);
        check("shift", shift.length, in);
        return in;
    }

    private static void check(String what, int length, TensorShape in) {
        if (length != 1 && length != in.channels() && length != in.size()) {
            throw new ShapeMismatchException("Affine " + what + " has " + length
                    + " values; input " + in + " needs 1, " + in.channels() + " or " + in.size());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Affine o && java.util.Arrays.equals(scale, o.scale)
                && java.util.Arrays.equals(shift, o.shift);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(scale) + 31 * java.util.Arrays.hashCode(shift);
    }
}
