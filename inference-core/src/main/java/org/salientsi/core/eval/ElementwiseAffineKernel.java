package org.salientsi.core.eval;

/** Elementwise {@code y = s x + t} with full-length scale and shift (batch-norm, constant Mul/Add/Sub). */
final class ElementwiseAffineKernel extends Kernel.Affine {

    private final double[] scale;
    private final double[] shift;

    ElementwiseAffineKernel(int node, int input, double[] scale, double[] shift) {
        super(node, new int[] {input}, scale.length);
        this.scale = scale;
        this.shift = shift;
    }

    /**
     * Expands 1, C or C*H*W values to one per element.
     *
     * @param values the constants
     * @param channels C
     * @param plane H*W
     * @return C*H*W values
     */
    static double[] broadcast(double[] values, int channels, int plane) {
        int n = channels * plane;
        if (values.length == n) {
            return values.clone();
        }
        double[] out = new double[n];
        for (int c = 0; c < channels; c++) {
            double v = values.length == 1 ? values[0] : values[c];
            java.util.Arrays.fill(out, c * plane, (c + 1) * plane, v);
        }
        return out;
    }

    @Override
    void apply(double[][] v, double[] out, boolean withConstant) {
        double[] x = v[inputs[0]];
        if (withConstant) {
            for (int i = 0; i < size; i++) {
                out[i] = scale[i] * x[i] + shift[i];
            }
        } else {
            for (int i = 0; i < size; i++) {
                out[i] = scale[i] * x[i];
            }
        }
    }

    @Override
    double applyUnit(double[][] v, int o, boolean withConstant) {
        double x = v[inputs[0]][o];
        return withConstant ? scale[o] * x + shift[o] : scale[o] * x;
    }
}
