package org.salientsi.core.grad;

/**
 * Elementwise affine ops (batch normalisation in inference, {@code Affine}): the gradient is scaled by
 * each element's factor; the shift has no gradient.
 */
final class ScaleAdjoint extends Adjoint {

    private final double[] scale;

    /**
     * @param scale one factor per element (already broadcast)
     */
    ScaleAdjoint(int node, int input, double[] scale) {
        super(node, new int[] {input});
        this.scale = scale;
    }

    /**
     * @param values 1, per-channel or per-element values
     * @return one value per element of a {@code channels x plane} tensor
     */
    static double[] broadcast(double[] values, int channels, int plane) {
        double[] out = new double[channels * plane];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane; i++) {
                int e = c * plane + i;
                out[e] = values.length == 1 ? values[0] : values.length == channels ? values[c] : values[e];
            }
        }
        return out;
    }

    @Override
    void backward(double[] g, double[][] grad, int[] decisions) {
        double[] gx = grad[inputs[0]];
        if (gx == null) {
            return;
        }
        for (int i = 0; i < scale.length; i++) {
            gx[i] += scale[i] * g[i];
        }
    }
}
