package org.salientsi.api.saliency;

import java.util.Set;
import org.salientsi.api.eval.LineBounds;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;

/**
 * A saliency method bound to one network (created by its {@link SaliencyMethodProvider}). Instances
 * hold only read-only data and are thread-safe.
 *
 * <p>A piecewise-linear method gives its map on a linear piece: with the network evaluated on the
 * line (each node {@code p + q z}), it writes the map's intercepts and slopes, making any further
 * decision of its own (for example the arg-max target, or a ReLU in Grad-CAM) through the
 * {@link Piece}, which narrows the piece.
 */
public interface SaliencyMethod {

    /** @return the method's name */
    String name();

    /**
     * What this method can do, as {@link org.salientsi.api.spi.Capabilities} names, which the engine consults:
     * {@link org.salientsi.api.spi.Capabilities#PIECEWISE_LINEAR} (the map is piecewise linear in the input, so
     * it has selective p-values; else it gives maps only) and
     * {@link org.salientsi.api.spi.Capabilities#BOUNDS_MAPS} ({@link #mapBounds} and {@link #choicesHold} can
     * bound its maps over a segment of the line, so searches may certify segments without walking them).
     *
     * @return the method's capabilities (unmodifiable)
     */
    Set<String> capabilities();

    /** @return whether the method declares {@code capability} */
    default boolean can(String capability) {
        return capabilities().contains(capability);
    }

    /** @return the node ids the method reads; evaluators compute them and their ancestors */
    int[] requiredNodes();

    /**
     * @param at the network evaluated at the input
     * @return the map on the input's pixel grid
     */
    SaliencyMap map(PointEvaluation at);

    /**
     * The map on the current linear piece.
     *
     * @param line the network on the line
     * @param observed the map at the observed data (its target is the one to explain)
     * @param map receives the map on the piece: its intercepts {@code map.p()} and slopes {@code map.q()}
     *     (row-major pixels; every pixel written)
     * @return whether the method's own data-dependent choices on this piece (the arg-max target)
     *     equal the observed ones
     * @throws org.salientsi.api.error.NotPiecewiseLinearException if the method is not piecewise linear
     */
    boolean lineMap(Piece line, SaliencyMap observed, LinearMap map);

    /**
     * Bounds the map over a segment of the line, if the method can: for every {@code z} of the segment
     * and every pixel, {@code lower[i] <= map_i(z) <= upper[i]} (the map with the observed target). A
     * search uses them to rule segments out of the truncation set without walking them; the default
     * cannot, and such segments are walked.
     *
     * @param bounds the network's bounds over the segment (the nodes of {@link #requiredNodes()})
     * @param observed the map at the observed data
     * @param lower receives per-pixel lower bounds (row-major)
     * @param upper receives per-pixel upper bounds
     * @return whether the bounds were written
     */
    default boolean mapBounds(LineBounds bounds, SaliencyMap observed, double[] lower, double[] upper) {
        return false;
    }

    /**
     * Whether the method's own data-dependent choices (for example the arg-max target) provably equal the
     * observed ones at every {@code z} of a segment, if the method can tell. With {@link #mapBounds} and a
     * selector that {@link org.salientsi.api.selection.RegionSelector#includes includes} the observed
     * region under the map's bounds, it certifies the whole segment into the truncation set without
     * walking its pieces. A method without such choices answers true; the default cannot tell and
     * answers false (then segments are never certified in, only walked).
     *
     * @param bounds the network's bounds over the segment (the nodes of {@link #requiredNodes()})
     * @param observed the map at the observed data
     * @return true only if the choices hold on the whole segment
     */
    default boolean choicesHold(LineBounds bounds, SaliencyMap observed) {
        return false;
    }
}
