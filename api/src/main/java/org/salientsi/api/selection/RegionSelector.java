package org.salientsi.api.selection;

import java.util.Set;
import org.salientsi.api.eval.LineEvaluation;
import org.salientsi.api.image.Region;
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
     * The region on the current linear piece, where the map is {@code p + q z}.
     *
     * @param line the piece; comparisons go through it so that it narrows
     * @param p map intercepts, row-major
     * @param q map slopes
     * @param height rows
     * @param width columns
     * @param out receives the row-major membership
     */
    void select(LineEvaluation line, double[] p, double[] q, int height, int width, boolean[] out);

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
