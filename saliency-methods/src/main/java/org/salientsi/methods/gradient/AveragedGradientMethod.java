package org.salientsi.methods.gradient;

import org.salientsi.api.eval.NetworkEvaluator;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.grad.Backprop;
import org.salientsi.methods.support.MethodOptions;

/**
 * What SmoothGrad and integrated gradients share: the mean of the target's input gradient over
 * {@code m} members, inputs derived from the input (noisy copies, points on the path from a baseline).
 * At a point each member is evaluated and differentiated on its own activation pattern; on the test
 * line the members whose inputs move with it are tracked beside it by a {@link LineFamily}, each
 * evaluated at the same {@code z} and differentiated on its own pattern, and the piece is narrowed to
 * where all of them keep their decisions, so the sum of their gradients is constant on the piece.
 * Option {@code m}: the number of members.
 */
abstract class AveragedGradientMethod extends InputGradientMethod {

    /** The network compiled for the members' evaluations. */
    final CompiledNetwork program;
    /** The number of members. */
    final int m;

    /**
     * @param network the network
     * @param parameters the options
     * @param defaultM {@code m} without the option
     * @param maxM the largest {@code m}
     */
    AveragedGradientMethod(Network network, Parameters parameters, int defaultM, int maxM) {
        super(network, parameters);
        this.m = MethodOptions.positiveInt(parameters, "m", defaultM, maxM);
        this.program = CompiledNetwork.compile(network);
    }

    /**
     * Writes member {@code j}'s input at a point.
     *
     * @param x the input (CHW)
     * @param j the member, {@code 0 <= j < m}
     * @param into receives the member's input (CHW)
     */
    abstract void memberInput(double[] x, int j, double[] into);

    /** @return how many members are tracked as lines beside the test line */
    abstract int trackedLines();

    /**
     * Evaluates tracked line {@code t} at the test line's {@code z}, narrows the piece to its, and
     * returns its gradient (through {@link LineFamily#gradient}).
     *
     * @param family this thread's tracked lines
     * @param line the test line on its current piece
     * @param t the tracked line, {@code 0 <= t < trackedLines()}
     * @param bp the reverse pass
     * @param unit the target
     * @return the gradient (the reverse pass's buffer)
     */
    abstract double[] trackedGradient(LineFamily family, Piece line, int t, Backprop bp, int unit);

    /**
     * Adds the gradients of {@code unit} at the {@code m} members of a point to {@code sum}.
     *
     * @param at the network at the input
     * @param unit the target
     * @param bp the reverse pass
     * @param sum receives the sum (CHW)
     */
    final void addMemberGradients(PointEvaluation at, int unit, Backprop bp, double[] sum) {
        NetworkEvaluator evaluator = at.evaluator();
        double[] x = at.input();
        double[] member = new double[size];
        for (int j = 0; j < m; j++) {
            memberInput(x, j, member);
            bp.decide(evaluator.evaluate(member));
            double[] g = bp.gradient(unit);
            for (int i = 0; i < size; i++) {
                sum[i] += g[i];
            }
        }
    }

    /**
     * Adds the gradients of {@code unit} on the tracked lines to {@code sum}, narrowing the test line's
     * piece to where every tracked line keeps its decisions.
     *
     * @param line the test line on its current piece
     * @param unit the target
     * @param s this thread's buffers
     * @param sum receives the sum (CHW)
     */
    final void addTrackedGradients(Piece line, int unit, Scratch s, double[] sum) {
        LineFamily family = ((Family) s).family;
        for (int t = 0; t < trackedLines(); t++) {
            double[] g = trackedGradient(family, line, t, s.backprop, unit);
            for (int i = 0; i < size; i++) {
                sum[i] += g[i];
            }
        }
    }

    @Override
    Scratch newScratch() {
        return new Family(this);
    }

    /** A thread's buffers with its evaluators of the tracked lines. */
    static final class Family extends Scratch {
        /** The tracked lines. */
        final LineFamily family;
        /** A sum of gradients (CHW). */
        final double[] sum;

        Family(AveragedGradientMethod method) {
            super(method);
            this.family = new LineFamily(method.reverse.requiredNodes(), method.size);
            this.sum = new double[method.size];
        }
    }
}
