package org.salientsi.core.statistic;

import org.salientsi.api.error.EmptyRegionException;
import java.util.Set;
import org.salientsi.api.image.Region;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Contrast;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.api.statistic.TestStatisticProvider;

/**
 * Region mean minus background mean within the test image (no reference):
 * \( \eta = 1_O/|O| - 1_{O^c}/|O^c| \); \( H_0 \): the region's mean signal equals the background's.
 * A region that covers the whole image has no background and is refused.
 */
public final class InImageContrastStatistic implements TestStatistic {

    /** The statistic's name. */
    public static final String NAME = "contrast";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsReference() {
        return false;
    }

    @Override
    public Contrast contrast(Region region, Observation observation) {
        boolean[] mask = RegionIndices.valueMask(region, observation.image().shape());
        int n = mask.length;
        int inside = RegionIndices.countSelected(mask, NAME);
        if (inside == n) {
            throw new EmptyRegionException("statistic contrast: the region covers the whole image, so there is no "
                    + "background to compare it with");
        }
        double[] eta = new double[observation.stackedSize()];
        for (int i = 0; i < n; i++) {
            eta[i] = mask[i] ? 1.0 / inside : -1.0 / (n - inside);
        }
        return Contrast.of(eta);
    }

    /** Provides {@link InImageContrastStatistic}. */
    public static final class Provider implements TestStatisticProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "region mean minus background mean of the test image (no reference)";
        }

        @Override
        public int rank() {
            return 30;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(Capabilities.SUB_REGIONS);
        }

        @Override
        public TestStatistic create(Parameters parameters) {
            return new InImageContrastStatistic();
        }
    }
}
