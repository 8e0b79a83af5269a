package org.salientsi.core.eval;

import org.salientsi.api.error.UnsupportedLayerException;

/** Sigmoid or softmax, at a point only: never part of what the selection depends on. */
final class OutputActivationKernel extends Kernel {

    private final boolean softmax;
    private final String name;

    OutputActivationKernel(int node, int input, int size, boolean softmax, String name) {
        super(node, new int[] {input}, size);
        this.softmax = softmax;
        this.name = name;
    }

    @Override
    void forward(double[][] v, double[][] work) {
        double[] x = v[inputs[0]];
        double[] y = v[node];
        if (softmax) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                max = Math.max(max, x[i]);
            }
            double sum = 0;
            for (int i = 0; i < size; i++) {
                y[i] = Math.exp(x[i] - max);
                sum += y[i];
            }
            for (int i = 0; i < size; i++) {
                y[i] /= sum;
            }
        } else {
            for (int i = 0; i < size; i++) {
                double t = x[i];
                y[i] = t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
            }
        }
    }

    @Override
    void line(double[][] p, double[][] q, PieceState line, double[][] work) {
        throw new UnsupportedLayerException(name, softmax ? "Softmax" : "Sigmoid",
                "not piecewise linear; allowed only after the nodes the saliency map uses");
    }
}
