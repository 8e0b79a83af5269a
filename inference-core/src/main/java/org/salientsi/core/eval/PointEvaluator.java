package org.salientsi.core.eval;

import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.eval.NetworkEvaluator;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;

/**
 * Evaluates every node of a network at a point. Not thread-safe: the buffers are reused, so the
 * {@link PointEvaluation} returned by {@link #evaluate} is overwritten by the next call.
 */
public final class PointEvaluator implements NetworkEvaluator, PointEvaluation {

    private final CompiledNetwork program;
    private final double[][] values;
    private final double[][] work;

    PointEvaluator(CompiledNetwork program) {
        this.program = program;
        Network net = program.network();
        this.work = new double[Kernel.WORK_BUFFERS][program.workSize()];
        this.values = new double[net.size()][];
        for (int i = 0; i < net.size(); i++) {
            values[i] = new double[net.node(i).shape().size()];
        }
    }

    @Override
    public Network network() {
        return program.network();
    }

    @Override
    public PointEvaluation evaluate(double[] input) {
        Network net = program.network();
        double[] in = values[net.input()];
        if (input.length != in.length) {
            throw new ShapeMismatchException("network input " + net.inputShape() + " needs " + in.length
                    + " values, got " + input.length);
        }
        System.arraycopy(input, 0, in, 0, in.length);
        for (int id = 0; id < net.size(); id++) {
            Kernel k = program.kernel(id);
            if (k != null) {
                k.forward(values, work);
            }
        }
        return this;
    }

    @Override
    public double[] input() {
        return values[program.network().input()];
    }

    @Override
    public double[] value(int node) {
        return values[node];
    }

    /** @return the output node's value (a copy) */
    public double[] output() {
        return values[program.network().output()].clone();
    }

    /** @return a new evaluator with its own buffers */
    @Override
    public NetworkEvaluator evaluator() {
        return new PointEvaluator(program);
    }
}
