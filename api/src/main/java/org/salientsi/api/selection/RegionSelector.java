package org.salientsi.api.selection;

import java.util.Set;
import org.salientsi.api.eval.Decisions;
import org.salientsi.api.image.Region;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;

/** Selects a region from a saliency map. Immutable and thread-safe. */
public interface RegionSelector {

    /** @return the selector's specification, e.g. {@code threshold:0} */
    String name();

    /**
     * @param map a saliency map
     * @return the selected pixels (possibly empty)
     */
    Region select(SaliencyMap map);

    /**
     * Selects the region on the current linear piece, where the map is {@code map} (linear in {@code z}):
     * every pixel of {@code out} is written; any comparison that depends on {@code z} goes through
     * {@code decisions} (the engine's rule, which narrows the piece so that the region holds on all of it).
     *
     * @param map the map on the piece (read it during this call only)
     * @param decisions the engine's decision rule on the piece
     * @param out receives the selected pixels (row-major, the map's size)
     */
    void select(LinearMap map, Decisions decisions, RegionMask out);

    /**
     * What this selector can do, as {@link org.salientsi.api.spi.Capabilities} names, which the engine consults:
     * {@link org.salientsi.api.spi.Capabilities#EXCLUDES_REGIONS} ({@link #excludes} can rule a segment out of
     * the truncation set from bounds on the map) and {@link org.salientsi.api.spi.Capabilities#INCLUDES_REGIONS}
     * ({@link #includes} can certify one into it). The default: neither.
     *
     * @return the selector's capabilities (unmodifiable)
     */
    default Set<String> capabilities() {
        return Set.of();
    }

    /** @return whether the selector declares {@code capability} */
    default boolean can(String capability) {
        return capabilities().contains(capability);
    }

    /**
     * Whether no map within the given per-pixel bounds selects the observed region, if the selector
     * can tell (then every {@code z} whose map lies within them is outside the truncation set). The
     * default cannot tell and answers false.
     *
     * @param lower per-pixel lower bounds of the map (row-major)
     * @param upper per-pixel upper bounds
     * @param height rows
     * @param width columns
     * @param observed the observed region's membership (row-major)
     * @return true only if every map within the bounds selects another region
     */
    default boolean excludes(double[] lower, double[] upper, int height, int width, boolean[] observed) {
        return false;
    }

    /**
     * Whether every map within the given per-pixel bounds selects exactly the observed region, if the
     * selector can tell (then every {@code z} whose map lies within them, and at which the method's
     * choices hold, is in the truncation set). The default cannot tell and answers false.
     *
     * @param lower per-pixel lower bounds of the map (row-major)
     * @param upper per-pixel upper bounds
     * @param height rows
     * @param width columns
     * @param observed the observed region's membership (row-major)
     * @return true only if every map within the bounds selects the observed region
     */
    default boolean includes(double[] lower, double[] upper, int height, int width, boolean[] observed) {
        return false;
    }
}
