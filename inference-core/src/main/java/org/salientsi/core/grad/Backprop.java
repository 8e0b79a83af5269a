package org.salientsi.core.grad;

import java.util.Arrays;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;

/**
 * One thread's buffers for a {@link ReverseProgram}: the activation pattern (taken by
 * {@link #decide(PointEvaluation)} or {@link #decide(Piece)}) and the per-node gradients of a
 * reverse pass. Not thread-safe; nothing is allocated per pass.
 *
 * <p>On a piece of the test line the pattern is re-decided through the line's own decision rule
 * ({@link Piece#positive} on each ReLU's input, {@link Piece#argmax} on each max-pool
 * window): the same roots the evaluator already used, so the piece does not change, and the pattern is
 * exactly the one under which the line evaluation's intercepts and slopes hold.
 */
public final class Backprop {

    private static final int[] NO_DECISIONS = new int[0];

    private final ReverseProgram program;
    private final double[][] grad;
    private final int[][] decisions;
    private final double[] sp;
    private final double[] sq;
    private final int outputSize;
    private boolean decided;

    Backprop(ReverseProgram program) {
        this.program = program;
        int n = program.network().size();
        this.grad = new double[n][];
        for (int id = 0; id < n; id++) {
            if (program.onPath(id)) {
                grad[id] = new double[program.network().node(id).shape().size()];
            }
        }
        this.decisions = new int[n][];
        for (int id : program.decisionNodes()) {
            decisions[id] = new int[program.adjoint(id).decisionCount()];
        }
        this.sp = new double[program.scratchSize()];
        this.sq = new double[program.scratchSize()];
        this.outputSize = grad[program.output()].length;
    }

    /** @return the program */
    public ReverseProgram program() {
        return program;
    }

    /**
     * Takes the activation pattern at a point. A ReLU unit is active when its input is {@code >= 0};
     * a max-pool window's winner is its first largest entry.
     *
     * @param at the network evaluated at a point (every node on the path must be evaluated)
     */
    public void decide(PointEvaluation at) {
        for (int id : program.decisionNodes()) {
            Adjoint a = program.adjoint(id);
            a.decide(at.value(a.inputs[0]), decisions[id]);
        }
        decided = true;
    }

    /**
     * Takes the activation pattern on the current piece of a line evaluation (which must compute
     * {@link ReverseProgram#requiredNodes()}).
     *
     * @param line the piece
     */
    public void decide(Piece line) {
        for (int id : program.decisionNodes()) {
            Adjoint a = program.adjoint(id);
            int in = a.inputs[0];
            a.decide(line, line.intercept(in), line.slope(in), decisions[id], sp, sq);
        }
        decided = true;
    }

    /**
     * The gradient of one output unit with respect to the {@code wrt} node, on the last pattern
     * decided.
     *
     * @param unit the output unit (flat CHW index)
     * @return the gradient (CHW, length of the {@code wrt} node); a buffer overwritten by the next pass
     * @throws IllegalStateException if no pattern was decided
     * @throws InvalidValueException if the unit is out of range
     */
    public double[] gradient(int unit) {
        if (unit < 0 || unit >= outputSize) {
            throw InvalidValueException.of("output unit %d out of range [0, %d)", unit, outputSize);
        }
        clear();
        grad[program.output()][unit] = 1.0;
        return run();
    }

    /**
     * The vector-Jacobian product \( J^\top s \) with a seed on the output.
     *
     * @param seed gradient with respect to the output node
     * @return the gradient with respect to the {@code wrt} node; a buffer overwritten by the next pass
     */
    public double[] gradient(double[] seed) {
        if (seed.length != outputSize) {
            throw InvalidValueException.of("seed of %d values for an output of %d", seed.length, outputSize);
        }
        clear();
        System.arraycopy(seed, 0, grad[program.output()], 0, outputSize);
        return run();
    }

    private void clear() {
        if (!decided) {
            throw new IllegalStateException("no activation pattern: call decide(...) first");
        }
        for (double[] g : grad) {
            if (g != null) {
                Arrays.fill(g, 0.0);
            }
        }
    }

    private double[] run() {
        for (int id : program.order()) {
            Adjoint a = program.adjoint(id);
            int[] d = decisions[id];
            a.backward(grad[id], grad, d == null ? NO_DECISIONS : d);
        }
        return grad[program.wrt()];
    }
}
