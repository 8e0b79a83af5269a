package org.salientsi.methods.gradient;

import java.util.Set;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.grad.Backprop;
import org.salientsi.methods.support.MethodProvider;

/**
 * Integrated gradients (Sundararajan, Taly and Yan, ICML 2017, arXiv 1703.01365, eq. 3) of the
 * target's pre-activation logit \( f_k \), as the {@code m}-step right Riemann sum
 * \( (x - b) \odot \frac{1}{m} \sum_{j=1}^{m} \nabla f_k\big(b + \tfrac{j}{m}(x - b)\big) \), reduced
 * over channels (signed; {@code sum} keeps completeness: the map sums to about
 * \( f_k(x) - f_k(b) \)).
 *
 * <p>On the test line \( x = a + c z \) the {@code m} scaled lines
 * \( (1 - \alpha_j) b + \alpha_j a + \alpha_j c z \), \( \alpha_j = j / m \), are evaluated at the same
 * {@code z} (the last, \( \alpha_m = 1 \), is the test line itself), each gradient is taken on its own
 * activation pattern, and the piece is narrowed to where all of them keep their decisions; the mean
 * gradient \( G \) is then constant and the map \( (a - b) \odot G + (c \odot G) z \) affine. Options:
 * {@code m} (steps, default {@value #DEFAULT_M}), {@code baseline} ({@code zero}, a number, or one
 * value per pixel and channel in (H, W, C) order), {@code target}, {@code channels}.
 */
public final class IntegratedGradientsMethod extends AveragedGradientMethod {

    /** The method's name. */
    public static final String NAME = "integrated-gradients";
    /** Default number of Riemann steps. */
    public static final int DEFAULT_M = 8;
    /** Largest number of steps. */
    public static final int MAX_M = 1024;

    private final double[] baseline;

    private IntegratedGradientsMethod(Network network, Parameters parameters) {
        super(network, parameters, DEFAULT_M, MAX_M);
        this.baseline = Baseline.parse(parameters.get("baseline").orElse(null), network.inputShape());
    }

    /**
     * @param hwc a baseline image's values in (H, W, C) order
     * @return the {@code baseline} option that passes it exactly
     */
    public static String baselineOption(double[] hwc) {
        return Baseline.format(hwc);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return the number of Riemann steps */
    public int steps() {
        return m;
    }

    @Override
    public int[] requiredNodes() {
        // the last step is the test line itself: its pattern gives the gradient at alpha = 1
        return reverse.requiredNodes();
    }

    @Override
    boolean absolute() {
        return false;
    }

    @Override
    void memberInput(double[] x, int j, double[] into) {
        double alpha = (double) (j + 1) / m;
        for (int i = 0; i < size; i++) {
            into[i] = baseline[i] + alpha * (x[i] - baseline[i]);
        }
    }

    @Override
    int trackedLines() {
        // the last step, alpha = 1, is the test line itself
        return m - 1;
    }

    @Override
    double[] trackedGradient(LineFamily family, Piece line, int t, Backprop bp, int unit) {
        double alpha = (double) (t + 1) / m;
        return family.gradient(line, network.input(), t, baseline, 0, 1 - alpha, alpha, bp, unit);
    }

    @Override
    void perChannel(PointEvaluation at, int unit, Scratch s, double[] out) {
        double[] x = at.input();
        double[] sum = new double[size];
        addMemberGradients(at, unit, s.backprop, sum);
        for (int i = 0; i < size; i++) {
            out[i] = (x[i] - baseline[i]) * sum[i] / m;
        }
    }

    @Override
    void perChannel(Piece line, int unit, Scratch s, double[] pc, double[] qc) {
        double[] sum = ((Family) s).sum;
        java.util.Arrays.fill(sum, 0.0);
        addTrackedGradients(line, unit, s, sum);
        Backprop bp = s.backprop;
        bp.decide(line);
        double[] g = bp.gradient(unit);
        double[] a = line.intercept(network.input());
        double[] c = line.slope(network.input());
        for (int i = 0; i < size; i++) {
            double mean = (sum[i] + g[i]) / m;
            pc[i] = (a[i] - baseline[i]) * mean;
            qc[i] = c[i] * mean;
        }
    }

    /** Provides {@link IntegratedGradientsMethod}. */
    public static final class Provider extends MethodProvider {
        /** Creates the provider. */
        public Provider() {
            super(NAME, "integrated gradients of the target's pre-activation logit, m-step Riemann sum from a "
                    + "baseline (options: m, baseline, target, channels)", 41, InputGradientMethod.CAPABILITIES,
                    Set.of("m", "baseline", "target", "channels"), IntegratedGradientsMethod::new);
        }
    }
}
