package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;

/** Validation shared by the op records. */
final class Checks {
    private Checks() {
    }

    static double[] finiteCopy(String what, double[] values, int expectedLength) {
        if (values == null) {
            throw new InvalidValueException(what + " is missing");
        }
        if (expectedLength >= 0 && values.length != expectedLength) {
            throw InvalidValueException.of("%s has %d values, expected %d", what, values.length, expectedLength);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw InvalidValueException.of("%s[%d] is not finite: %s", what, i, values[i]);
            }
        }
        return values.clone();
    }

    static void positive(String what, int value) {
        if (value < 1) {
            throw InvalidValueException.of("%s must be >= 1, got %d", what, value);
        }
    }

    static TensorShape single(Op op, List<TensorShape> inputs) {
        if (inputs.size() != 1) {
            throw new ShapeMismatchException(op.type() + " takes one input, got " + inputs.size());
        }
        return inputs.get(0);
    }

    /**
     * The shape of an elementwise op on two inputs with broadcasting: along each axis the sizes are equal or
     * one of them is 1.
     */
    static TensorShape broadcast(Op op, List<TensorShape> inputs) {
        if (inputs.size() != 2) {
            throw new ShapeMismatchException(op.type() + " takes two inputs, got " + inputs.size());
        }
        TensorShape a = inputs.get(0);
        TensorShape b = inputs.get(1);
        return TensorShape.of(broadcast(op, a, b, a.channels(), b.channels()), broadcast(op, a, b, a.height(),
                b.height()), broadcast(op, a, b, a.width(), b.width()));
    }

    private static int broadcast(Op op, TensorShape a, TensorShape b, int m, int n) {
        if (m != n && m != 1 && n != 1) {
            throw new ShapeMismatchException(op.type() + " of " + a + " and " + b + ": along each axis the sizes "
                    + "must be equal or one of them 1");
        }
        return Math.max(m, n);
    }

    static int pooledLength(String op, int in, int padBefore, int padAfter, int kernel, int stride, int dilation,
                            boolean ceil) {
        int effective = (kernel - 1) * dilation + 1;
        int span = in + padBefore + padAfter - effective;
        int out = (ceil ? Math.floorDiv(span + stride - 1, stride) : Math.floorDiv(span, stride)) + 1;
        if (ceil && (out - 1) * stride >= in + padBefore) {
            out--;
        }
        if (out < 1) {
            throw new ShapeMismatchException(op + ": kernel extent " + effective + " exceeds padded input length "
                    + (in + padBefore + padAfter));
        }
        return out;
    }
}
