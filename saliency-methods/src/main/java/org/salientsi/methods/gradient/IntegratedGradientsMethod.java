package org.salientsi.methods.gradient;

import java.util.Set;
import org.salientsi.api.eval.LineEvaluation;
import org.salientsi.api.eval.NetworkEvaluator;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.grad.Backprop;
import org.salientsi.methods.support.MethodOptions;

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
public final class IntegratedGradientsMethod extends InputGradientMethod {

    /** The method's name. */
    public static final String NAME = "integrated-gradients";
    /** Default number of Riemann steps. */
    public static final int DEFAULT_M = 8;
    /** Largest number of steps. */
    public static final int MAX_M = 1024;

    private final CompiledNetwork program;
    private final int m;
    private final double[] baseline;

    private IntegratedGradientsMethod(Network network, Parameters parameters) {
        super(network, parameters);
        this.m = MethodOptions.positiveInt(parameters, "m", DEFAULT_M, MAX_M);
        this.baseline = Baseline.parse(parameters.get("baseline").orElse(null), network.inputShape());
        this.program = CompiledNetwork.compile(network);
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
    Scratch newScratch() {
        return new Family(this);
    }

    @Override
    void perChannel(PointEvaluation at, int unit, Scratch s, double[] out) {
        NetworkEvaluator evaluator = at.evaluator();
        double[] x = at.input();
        double[] scaled = new double[size];
        double[] sum = new double[size];
        Backprop bp = s.backprop;
        for (int j = 1; j <= m; j++) {
            double alpha = (double) j / m;
            for (int i = 0; i < size; i++) {
                scaled[i] = baseline[i] + alpha * (x[i] - baseline[i]);
            }
            bp.decide(evaluator.evaluate(scaled));
            double[] g = bp.gradient(unit);
            for (int i = 0; i < size; i++) {
                sum[i] += g[i];
            }
        }
        for (int i = 0; i < size; i++) {
            out[i] = (x[i] - baseline[i]) * sum[i] / m;
        }
    }

    @Override
    void perChannel(LineEvaluation line, int unit, Scratch s, double[] pc, double[] qc) {
        LineFamily family = ((Family) s).family;
        Backprop bp = s.backprop;
        double[] sum = ((Family) s).sum;
        java.util.Arrays.fill(sum, 0.0);
        for (int j = 1; j < m; j++) {
            double alpha = (double) j / m;
            double[] g = family.gradient(line, network.input(), j - 1, baseline, 0, 1 - alpha, alpha, bp, unit);
            for (int i = 0; i < size; i++) {
                sum[i] += g[i];
            }
        }
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

    /** A thread's buffers with its evaluators of the scaled lines. */
    private static final class Family extends Scratch {
        final LineFamily family;
        final double[] sum;

        Family(IntegratedGradientsMethod method) {
            super(method);
            this.family = new LineFamily(method.program, method.reverse.requiredNodes(), method.m - 1, method.size);
            this.sum = new double[method.size];
        }
    }

    /** Provides {@link IntegratedGradientsMethod}. */
    public static final class Provider implements SaliencyMethodProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "integrated gradients of the target's pre-activation logit, m-step Riemann sum from a baseline "
                    + "(options: m, baseline, target, channels)";
        }

        @Override
        public int rank() {
            return 41;
        }

        @Override
        public Set<String> capabilities() {
            return CAPABILITIES;
        }

        @Override
        public SaliencyMethod create(Network network, Parameters parameters) {
            return new IntegratedGradientsMethod(network, parameters);
        }
    }
}
