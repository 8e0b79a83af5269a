package org.salientsi.api.statistic;

import org.salientsi.api.image.Region;

/**
 * A test statistic: the direction \( \eta \) of a linear contrast for a selected region. It must
 * depend on the data only through the selection event (the region, and any constraints it returns),
 * so that \( \eta^\top Y \) given the event is a truncated normal. Immutable and thread-safe.
 */
public interface TestStatistic {

    /** @return the statistic's name */
    String name();

    /** @return whether it needs a reference image */
    boolean needsReference();

    /**
     * @param region the selected region on the image's pixel grid (a pixel brings all its channels)
     * @param observation the data
     * @return the contrast
     * @throws org.salientsi.api.error.EmptyRegionException if the region leaves nothing to test
     * @throws org.salientsi.api.error.InvalidInputException if a needed reference is missing
     */
    Contrast contrast(Region region, Observation observation);
}
