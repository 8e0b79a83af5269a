package org.salientsi.sanity.invariance;

import java.util.List;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Network;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;

/**
 * The equivalence gate of SANITY.md section 4.6, step 2:
 * {@code delta_f = max_x ||f1(x) - f2(x + m)||_inf / (1 + ||f1(x)||_inf)} over the sample images; the
 * check is inconclusive when {@code delta_f > tau_f}. Stateless.
 */
public final class EquivalenceGate {

    /** The suggested tolerance for float64 evaluation (the IR evaluates in double precision). */
    public static final double TAU_FLOAT64 = 1e-10;

    private EquivalenceGate() {
    }

    /**
     * @param f1 the model
     * @param f2 the compensated model
     * @param shiftChw the shift as a CHW tensor
     * @param images sample inputs of {@code f1} (CHW)
     * @return {@code delta_f}
     */
    public static double delta(Network f1, Network f2, double[] shiftChw, List<double[]> images) {
        if (images.isEmpty()) {
            throw new InvalidInputException("the equivalence gate needs at least one image");
        }
        PointEvaluator e1 = CompiledNetwork.compile(f1).pointEvaluator();
        PointEvaluator e2 = CompiledNetwork.compile(f2).pointEvaluator();
        double worst = 0;
        double[] shifted = new double[shiftChw.length];
        for (double[] x : images) {
            e1.evaluate(x);
            double[] y1 = e1.output();
            for (int i = 0; i < x.length; i++) {
                shifted[i] = x[i] + shiftChw[i];
            }
            e2.evaluate(shifted);
            double[] y2 = e2.output();
            double diff = 0;
            double norm = 0;
            for (int k = 0; k < y1.length; k++) {
                diff = Math.max(diff, Math.abs(y1[k] - y2[k]));
                norm = Math.max(norm, Math.abs(y1[k]));
            }
            worst = Math.max(worst, diff / (1 + norm));
        }
        return worst;
    }
}
