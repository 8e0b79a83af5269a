package org.salientsi.methods.gradient;

import org.salientsi.api.eval.Piece;
import org.salientsi.core.grad.Backprop;

/**
 * The lines that SmoothGrad and integrated gradients track beside the test line: for draw or step
 * {@code j}, the line \( (o_j + \lambda_j a) + \lambda_j c\, z \), an affine image of the test line's
 * input \( a + c z \) (SmoothGrad: \( o_j = \delta_j \), \( \lambda_j = 1 \); integrated gradients:
 * \( o_j = (1 - \alpha_j) b \), \( \lambda_j = \alpha_j \)).
 * Each is a companion of the test line's piece ({@link Piece#companion}): the engine evaluates it at the
 * same position and narrows the piece to where it keeps its decisions; its activation pattern is taken into
 * the reverse pass. One instance per thread.
 */
final class LineFamily {

    private final int[] required;
    private final double[] intercept;
    private final double[] slope;

    LineFamily(int[] required, int inputSize) {
        this.required = required.clone();
        this.intercept = new double[inputSize];
        this.slope = new double[inputSize];
    }

    /**
     * Evaluates member {@code j} on its line beside the test line's piece (which the engine narrows to the
     * member's), and returns the gradient of {@code unit} on the member's pattern.
     *
     * @param main the test line on its current piece
     * @param input the input node
     * @param j the member
     * @param offsets holds \( o_j / \mathrm{offsetScale} \) (CHW) from {@code base}, or {@code null} for zero
     * @param base where member {@code j}'s offset starts in {@code offsets}
     * @param offsetScale a factor applied to the offset
     * @param lambda \( \lambda_j \)
     * @param bp the reverse pass
     * @param unit the output unit
     * @return the gradient (the reverse pass's buffer)
     */
    double[] gradient(Piece main, int input, int j, double[] offsets, int base, double offsetScale,
                      double lambda,
                      Backprop bp, int unit) {
        double[] a = main.intercept(input);
        double[] c = main.slope(input);
        for (int i = 0; i < a.length; i++) {
            intercept[i] = lambda * a[i] + (offsets == null ? 0 : offsetScale * offsets[base + i]);
            slope[i] = lambda * c[i];
        }
        bp.decide(main.companion(j, required, intercept, slope));
        return bp.gradient(unit);
    }
}
