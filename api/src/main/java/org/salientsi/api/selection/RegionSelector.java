package org.salientsi.api.selection;

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
     * @return whether {@link #excludes} can tell anything (the default cannot); searches try to skip
     *     segments only then
     */
    default boolean canExclude() {
        return false;
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
     * @return whether {@link #includes} can tell anything (the default cannot); searches try to certify
     *     segments into the truncation set only then
     */
    default boolean canInclude() {
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
