package org.salientsi.core.eval;

/** Copies its input (identity, reshape, flatten in CHW order). */
final class CopyKernel extends Kernel.Affine {

    CopyKernel(int node, int input, int size) {
        super(node, new int[] {input}, size);
    }

    @Override
    void apply(double[][] v, double[] out, boolean withConstant) {
        System.arraycopy(v[inputs[0]], 0, out, 0, size);
    }

    @Override
    double applyUnit(double[][] v, int o, boolean withConstant) {
        return v[inputs[0]][o];
    }
}
