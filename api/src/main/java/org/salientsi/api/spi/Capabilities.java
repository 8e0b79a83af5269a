package org.salientsi.api.spi;

/** Standard capability names that plugins declare (queryable flags rather than type tests). */
public final class Capabilities {

    /** A backend translates its models into the piecewise-linear IR. */
    public static final String PIECEWISE_LINEAR_IR = "piecewise-linear-ir";
    /** A backend runs its models natively, for cross-checks. */
    public static final String NATIVE_PREDICT = "native-predict";
    /** A saliency method's map is piecewise linear in the input, so it has selective p-values. */
    public static final String PIECEWISE_LINEAR = "piecewise-linear";
    /**
     * A saliency method bounds its maps (and its own choices, such as the arg-max target) over a whole segment
     * of the test line, so that searches may certify segments without walking them.
     */
    public static final String BOUNDS_MAPS = "bounds-maps";
    /** A region selector can rule a segment out of the truncation set from bounds on the map. */
    public static final String EXCLUDES_REGIONS = "excludes-regions";
    /** A region selector can certify a segment into the truncation set from bounds on the map. */
    public static final String INCLUDES_REGIONS = "includes-regions";
    /** A saliency method gives maps only (no selective p-value). */
    public static final String MAP_ONLY = "map-only";
    /** A test statistic needs one or more reference images. */
    public static final String NEEDS_REFERENCE = "needs-reference";
    /** A test statistic adds linear constraints of its own to the selection event. */
    public static final String EXTRA_CONSTRAINTS = "extra-constraints";
    /**
     * A test statistic is the norm of a projection (a {@link org.salientsi.api.statistic.ChiStatistic}): its
     * null distribution is a truncated chi, its p-value one-sided (large norms).
     */
    public static final String CHI = "chi";

    /**
     * A test statistic's contrast is defined on any non-empty part of the selected region (its contrast computed
     * on a connected component instead of the whole region), so that {@code --components} may test each part.
     */
    public static final String SUB_REGIONS = "sub-regions";

    private Capabilities() {
    }
}
