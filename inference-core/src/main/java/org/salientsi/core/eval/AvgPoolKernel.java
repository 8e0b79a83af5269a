package org.salientsi.core.eval;

/** Average pooling and global average pooling (one window per channel), an affine map. */
final class AvgPoolKernel extends Kernel.Affine {

    private final WindowTable windows;
    private final double[] inverseCount;

    AvgPoolKernel(int node, int input, WindowTable windows, boolean countIncludePad) {
        super(node, new int[] {input}, windows.paddedCount.length);
        this.windows = windows;
        this.inverseCount = new double[size];
        for (int o = 0; o < size; o++) {
            int count = countIncludePad ? windows.paddedCount[o] : windows.start[o + 1] - windows.start[o];
            inverseCount[o] = count == 0 ? 0.0 : 1.0 / count;
        }
    }

    @Override
    void apply(double[][] v, double[] out, boolean withConstant) {
        double[] x = v[inputs[0]];
        int[] idx = windows.index;
        for (int o = 0; o < size; o++) {
            double s = 0;
            for (int k = windows.start[o]; k < windows.start[o + 1]; k++) {
                s += x[idx[k]];
            }
            out[o] = s * inverseCount[o];
        }
    }
}
