package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * Batch normalisation in inference mode, per channel:
 * \( y = \gamma (x - \mu) / \sqrt{\sigma^2 + \epsilon} + \beta \), an affine map.
 *
 * @param gamma scale per channel
 * @param beta shift per channel
 * @param mean running mean per channel
 * @param variance running variance per channel, {@code >= 0}
 * @param epsilon added to the variance, {@code >= 0}, with {@code variance + epsilon > 0}
 */
public record BatchNorm(double[] gamma, double[] beta, double[] mean, double[] variance, double epsilon)
        implements Op {

    /**
     * @throws InvalidValueException on arrays of different lengths, non-finite values or a
     *     non-positive {@code variance + epsilon}
     */
    public BatchNorm {
        int n = gamma == null ? -1 : gamma.length;
        gamma = Checks.finiteCopy("BatchNorm gamma", gamma, n);
        beta = Checks.finiteCopy("BatchNorm beta", beta, n);
        mean = Checks.finiteCopy("BatchNorm mean", mean, n);
        variance = Checks.finiteCopy("BatchNorm variance", variance, n);
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw InvalidValueException.of("BatchNorm epsilon must be finite and >= 0, got %s", epsilon);
        }
        for (int c = 0; c < n; c++) {
            if (!(variance[c] + epsilon > 0)) {
                throw InvalidValueException.of("BatchNorm variance + epsilon must be > 0, channel %d has %s",
                        c, variance[c] + epsilon);
            }
        }
    }

    /** @return the number of channels */
    public int channels() {
        return gamma.length;
    }

    /** @return per-channel scale \( \gamma / \sqrt{\sigma^2 + \epsilon} \) */
    public double[] scale() {
        double[] s = new double[gamma.length];
        for (int c = 0; c < s.length; c++) {
            s[c] = gamma[c] / Math.sqrt(variance[c] + epsilon);
        }
        return s;
    }

    /** @return per-channel shift \( \beta - \mu \gamma / \sqrt{\sigma^2 + \epsilon} \) */
    public double[] shift() {
        double[] s = scale();
        double[] t = new double[s.length];
        for (int c = 0; c < t.length; c++) {
            t[c] = beta[c] - mean[c] * s[c];
        }
        return t;
    }

    @Override
    public double[] gamma() {
        return gamma.clone();
    }

    @Override
    public double[] beta() {
        return beta.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] variance() {
        return variance.clone();
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        if (in.channels() != gamma.length) {
            throw new ShapeMismatchException("BatchNorm has " + gamma.length + " channels, input shape " + in);
        }
        return in;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BatchNorm o && java.util.Arrays.equals(gamma, o.gamma)
                && java.util.Arrays.equals(beta, o.beta)
                && java.util.Arrays.equals(mean, o.mean)
                && java.util.Arrays.equals(variance, o.variance)
                && Double.compare(epsilon, o.epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(gamma) + 31 * java.util.Arrays.hashCode(beta)
                + 31 * java.util.Arrays.hashCode(mean) + 31 * java.util.Arrays.hashCode(variance);
    }
}
