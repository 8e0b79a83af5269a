package org.salientsi.core.search;

import java.util.Objects;
import org.salientsi.api.error.NotPiecewiseLinearException;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.core.eval.CompiledNetwork;

/**
 * What chooses the hypothesis: a network, a saliency method bound to it, a region selector, and the
 * test statistic whose direction the region determines. Immutable and shareable across threads.
 *
 * @param network the compiled network
 * @param method the saliency method
 * @param selector the region selector
 * @param statistic the test statistic
 */
public record Selection(CompiledNetwork network, SaliencyMethod method, RegionSelector selector,
                        TestStatistic statistic) {

    /**
     * @throws NotPiecewiseLinearException if the method is neither piecewise linear nor able to bound its maps
     *     over segments of the line (then only the certified search can test it: {@link SearchMode})
     */
    public Selection {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(statistic, "statistic");
        if (!method.can(Capabilities.PIECEWISE_LINEAR) && !method.can(Capabilities.BOUNDS_MAPS)) {
            throw new NotPiecewiseLinearException(method.name());
        }
    }
}
