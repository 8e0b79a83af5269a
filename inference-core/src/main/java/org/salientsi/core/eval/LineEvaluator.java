package org.salientsi.core.eval;

/**
 * Evaluates a network on the line \( x(z) = a + c z \) (the input part of \( Y(z) \)), on the linear
 * piece that starts at {@code z} and extends to the right, by a full pass: every evaluated node gets
 * intercepts {@code p} and slopes {@code q} (its output is \( p + q z \) on the piece), and every
 * decision narrows the piece {@code [lower, upper]}.
 *
 * <p>Decision rule (DESIGN.md section 2): a value \( p + q z \) with \( q \ne 0 \) changes sign at the
 * root \( r = -p/q \); it is taken to be positive just right of {@code z} when \( q > 0 \) and
 * \( r \le z \), or \( q < 0 \) and \( r > z \). A root {@code > z} bounds the piece above, a root
 * {@code <= z} below; so {@code lower <= z < upper} always, and the next piece starts exactly at
 * {@code upper}, where a vanishing value is settled by its slope's sign: consecutive pieces tile the
 * line. Walking to the left is walking to the right on the reflected line \( a + (-c)(-z) \).
 *
 * <p>This is the reference evaluator; {@link IncrementalLineEvaluator} moves from piece to piece
 * without full passes. Not thread-safe; one evaluator per search. Nothing is allocated per evaluation.
 */
public final class LineEvaluator extends PieceState {

    LineEvaluator(CompiledNetwork program, int[] order) {
        super(program, order);
    }

    /**
     * Evaluates the network on the piece that starts at {@code z} (to its right) and resets the piece
     * to the network's decisions.
     *
     * @param at the point
     */
    public void evaluate(double at) {
        checkFinite(at);
        this.z = at;
        this.lower = Double.NEGATIVE_INFINITY;
        this.upper = Double.POSITIVE_INFINITY;
        for (int id : order) {
            program.kernel(id).line(p, q, this, work);
        }
    }
}
