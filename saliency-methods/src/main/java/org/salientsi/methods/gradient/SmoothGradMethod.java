package org.salientsi.methods.gradient;

import java.util.Set;
import java.util.SplittableRandom;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.grad.Backprop;
import org.salientsi.methods.support.MethodOptions;
import org.salientsi.methods.support.MethodProvider;

/**
 * SmoothGrad (Smilkov et al., 2017, arXiv 1706.03825): the absolute value of the mean input gradient
 * of the target's pre-activation logit over {@code m} noisy copies of the input,
 * \( \left| \frac{1}{m} \sum_{j=1}^{m} \nabla f_k(x + \delta_j) \right| \), reduced over channels.
 *
 * <p>The draws are fixed before any data is seen: \( \delta_j \) (CHW) holds the
 * {@code j n + i}-th value of {@link SplittableRandom#nextGaussian()} from {@code seed}, times
 * {@code noise} (an absolute standard deviation in input units, not a fraction of the image's range,
 * which would make the map non-linear in the input). The map is then a deterministic function of the
 * input, piecewise constant: on the test line every shifted line \( a + \delta_j + c z \) is evaluated
 * at the same {@code z} with its own evaluator, its gradient taken on its own activation pattern, and
 * the piece narrowed to where all {@code m} lines keep their decisions. Options: {@code m} (draws,
 * default {@value #DEFAULT_M}), {@code noise} (default {@value #DEFAULT_NOISE}), {@code seed}
 * (default 0), {@code target}, {@code channels}.
 */
public final class SmoothGradMethod extends AveragedGradientMethod {

    /** The method's name. */
    public static final String NAME = "smoothgrad";
    /** Default number of draws. */
    public static final int DEFAULT_M = 8;
    /** Default noise standard deviation (input units). */
    public static final double DEFAULT_NOISE = 0.15;
    /** Largest number of draws. */
    public static final int MAX_M = 1024;

    private final double[] deltas;

    private SmoothGradMethod(Network network, Parameters parameters) {
        super(network, parameters, DEFAULT_M, MAX_M);
        double noise = MethodOptions.positive(parameters, "noise", DEFAULT_NOISE);
        SplittableRandom rng = new SplittableRandom(MethodOptions.longValue(parameters, "seed", 0));
        this.deltas = new double[m * size];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = noise * rng.nextGaussian();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return the number of draws */
    public int draws() {
        return m;
    }

    @Override
    public int[] requiredNodes() {
        // the map reads only the shifted lines; the test line itself only decides an arg-max target
        return target.fromArgmax() ? new int[] {target.logitNode()} : new int[] {network.input()};
    }

    @Override
    boolean absolute() {
        return true;
    }

    @Override
    void memberInput(double[] x, int j, double[] into) {
        for (int i = 0; i < size; i++) {
            into[i] = x[i] + deltas[j * size + i];
        }
    }

    @Override
    int trackedLines() {
        return m;
    }

    @Override
    double[] trackedGradient(LineFamily family, Piece line, int t, Backprop bp, int unit) {
        return family.gradient(line, network.input(), t, deltas, t * size, 1.0, 1.0, bp, unit);
    }

    @Override
    void perChannel(PointEvaluation at, int unit, Scratch s, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        addMemberGradients(at, unit, s.backprop, out);
        for (int i = 0; i < size; i++) {
            out[i] /= m;
        }
    }

    @Override
    void perChannel(Piece line, int unit, Scratch s, double[] pc, double[] qc) {
        java.util.Arrays.fill(pc, 0.0);
        addTrackedGradients(line, unit, s, pc);
        for (int i = 0; i < size; i++) {
            pc[i] /= m;
        }
        java.util.Arrays.fill(qc, 0.0);
    }

    /** Provides {@link SmoothGradMethod}. */
    public static final class Provider extends MethodProvider {
        /** Creates the provider. */
        public Provider() {
            super(NAME, "SmoothGrad: |mean input gradient of the target's pre-activation logit| over m seeded noisy "
                    + "copies (options: m, noise, seed, target, channels)", 40, InputGradientMethod.CAPABILITIES,
                    Set.of("m", "noise", "seed", "target", "channels"), SmoothGradMethod::new);
        }
    }
}
