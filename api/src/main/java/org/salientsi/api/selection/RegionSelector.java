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
}
