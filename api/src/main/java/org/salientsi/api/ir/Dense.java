package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * A fully connected layer on the flattened (CHW order) input: \( y = W x + b \).
 *
 * @param inFeatures input length (the input tensor's size)
 * @param outFeatures output length; the output shape is {@code (outFeatures, 1, 1)}
 * @param weights {@code [outFeatures][inFeatures]} flattened row-major
 * @param bias one value per output (zeros for a layer without bias)
 */
public record Dense(int inFeatures, int outFeatures, double[] weights, double[] bias) implements Op {

    /**
     * @throws org.salientsi.api.error.InvalidValueException on non-positive sizes or weights of the
     *     wrong length or not finite
     */
    public Dense {
        Checks.positive("Dense inFeatures", inFeatures);
        Checks.positive("Dense outFeatures", outFeatures);
        weights = Checks.finiteCopy("Dense weights", weights, inFeatures * outFeatures);
        bias = bias == null ? new double[outFeatures] : Checks.finiteCopy("Dense bias", bias, outFeatures);
    }

    /**
     * @param out output index
     * @param in input index
     * @return {@code W[out][in]}
     */
    public double weight(int out, int in) {
        return weights[out * inFeatures + in];
    }

    /** @return a copy of the weights */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** @return a copy of the bias */
    @Override
    public double[] bias() {
        return bias.clone();
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        if (in.size() != inFeatures) {
            throw new ShapeMismatchException("Dense expects " + inFeatures + " inputs, got shape " + in);
        }
        return TensorShape.vector(outFeatures);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dense o && inFeatures == o.inFeatures
                && outFeatures == o.outFeatures
                && java.util.Arrays.equals(weights, o.weights)
                && java.util.Arrays.equals(bias, o.bias);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(weights) + 31 * java.util.Arrays.hashCode(bias);
    }
}
