package org.salientsi.core.eval;

/** Elementwise sum of the inputs. */
final class AddKernel extends Kernel.Affine {

    AddKernel(int node, int[] inputs, int size) {
        super(node, inputs, size);
    }

    @Override
    void apply(double[][] v, double[] out, boolean withConstant) {
        double[] first = v[inputs[0]];
        System.arraycopy(first, 0, out, 0, size);
        for (int j = 1; j < inputs.length; j++) {
            double[] x = v[inputs[j]];
            for (int i = 0; i < size; i++) {
                out[i] += x[i];
            }
        }
    }

    @Override
    double applyUnit(double[][] v, int o, boolean withConstant) {
        double s = v[inputs[0]][o];
        for (int j = 1; j < inputs.length; j++) {
            s += v[inputs[j]][o];
        }
        return s;
    }
}
