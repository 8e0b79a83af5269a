package org.salientsi.methods.gradient;

import java.util.Set;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.grad.Backprop;
import org.salientsi.methods.support.MethodProvider;

/**
 * Gradient maps of the target's pre-activation logit \( f_k \) with respect to the input \( x \):
 * <ul>
 *   <li>{@code gradient}: \( |\partial f_k / \partial x| \) (Simonyan et al., 2014, arXiv 1312.6034);</li>
 *   <li>{@code signed-gradient}: \( \partial f_k / \partial x \);</li>
 *   <li>{@code grad-x-input}: \( x \odot \partial f_k / \partial x \) (Shrikumar et al., 2016).</li>
 * </ul>
 * then reduced over channels ({@code channels}: {@code sum}, the default, or {@code max-abs}).
 *
 * <p>On a linear piece the activation pattern is fixed, so the network is affine and the gradient is a
 * constant, computed exactly by a reverse pass over that pattern: the gradient maps are constant on a
 * piece (slope 0) and gradient x input is affine there, \( g \odot (a + c z) \). Absolute values and
 * {@code max-abs} are sign and arg-max decisions that narrow the piece. At a point, a ReLU whose input
 * is exactly 0 counts as active (the gradient is not defined on a kink).
 */
public final class GradientMethod extends InputGradientMethod {

    /** The three variants. */
    public enum Kind {
        /** Absolute value of the gradient. */
        GRADIENT("gradient", "absolute value of the input gradient of the target's pre-activation logit"),
        /** The gradient with its sign. */
        SIGNED("signed-gradient", "input gradient of the target's pre-activation logit, with its sign"),
        /** The gradient times the input. */
        GRAD_X_INPUT("grad-x-input", "input times the input gradient of the target's pre-activation logit");

        private final String label;
        private final String description;

        Kind(String label, String description) {
            this.label = label;
            this.description = description;
        }

        /** @return the method name */
        public String label() {
            return label;
        }
    }

    private final Kind kind;

    private GradientMethod(Network network, Parameters parameters, Kind kind) {
        super(network, parameters);
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.label;
    }

    @Override
    public int[] requiredNodes() {
        return reverse.requiredNodes();
    }

    @Override
    boolean absolute() {
        return kind == Kind.GRADIENT;
    }

    @Override
    void perChannel(PointEvaluation at, int unit, Scratch s, double[] out) {
        Backprop bp = s.backprop;
        bp.decide(at);
        double[] g = bp.gradient(unit);
        double[] x = at.input();
        for (int i = 0; i < size; i++) {
            out[i] = kind == Kind.GRAD_X_INPUT ? g[i] * x[i] : g[i];
        }
    }

    @Override
    void perChannel(Piece line, int unit, Scratch s, double[] pc, double[] qc) {
        Backprop bp = s.backprop;
        bp.decide(line);
        double[] g = bp.gradient(unit);
        if (kind == Kind.GRAD_X_INPUT) {
            double[] a = line.intercept(network.input());
            double[] c = line.slope(network.input());
            for (int i = 0; i < size; i++) {
                pc[i] = g[i] * a[i];
                qc[i] = g[i] * c[i];
            }
        } else {
            System.arraycopy(g, 0, pc, 0, size);
            java.util.Arrays.fill(qc, 0.0);
        }
    }

    /** Provides one {@link Kind} of {@link GradientMethod}. */
    abstract static class Provider extends MethodProvider {
        Provider(Kind kind) {
            super(kind.label, kind.description + " (options: target, channels)", 30 + kind.ordinal(),
                    InputGradientMethod.CAPABILITIES, Set.of("target", "channels"),
                    (network, parameters) -> new GradientMethod(network, parameters, kind));
        }
    }

    /** Provides {@code gradient}. */
    public static final class AbsoluteProvider extends Provider {
        /** Creates the provider. */
        public AbsoluteProvider() {
            super(Kind.GRADIENT);
        }
    }

    /** Provides {@code signed-gradient}. */
    public static final class SignedProvider extends Provider {
        /** Creates the provider. */
        public SignedProvider() {
            super(Kind.SIGNED);
        }
    }

    /** Provides {@code grad-x-input}. */
    public static final class GradXInputProvider extends Provider {
        /** Creates the provider. */
        public GradXInputProvider() {
            super(Kind.GRAD_X_INPUT);
        }
    }
}
