package org.salientsi.core.statistic;

import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Region;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Contrast;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.api.statistic.TestStatisticProvider;

/**
 * Mean difference between the test image and the reference(s) over the region (the paper's
 * "average" statistic): \( \eta = [1_O/|O|; -1_O/|O|] \), \( T = \bar X_O - \bar R_O \);
 * \( H_0 \): the region's mean signal equals the reference's.
 */
public final class ReferenceMeanStatistic implements TestStatistic {

    /** The statistic's name. */
    public static final String NAME = "ref-mean";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsReference() {
        return true;
    }

    @Override
    public Contrast contrast(Region region, Observation observation) {
        if (!observation.hasReference()) {
            throw new InvalidInputException("statistic ref-mean needs a reference image");
        }
        boolean[] mask = RegionIndices.valueMask(region, observation.image().shape());
        int n = mask.length;
        int count = RegionIndices.countSelected(mask, NAME);
        double[] eta = new double[2 * n];
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                eta[i] = 1.0 / count;
                eta[n + i] = -1.0 / count;
            }
        }
        return Contrast.of(eta);
    }

    /** Provides {@link ReferenceMeanStatistic}. */
    public static final class Provider implements TestStatisticProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "mean of X - reference over the region (the paper's 'average'); needs a reference";
        }

        @Override
        public int rank() {
            return 10;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(Capabilities.NEEDS_REFERENCE, Capabilities.SUB_REGIONS);
        }

        @Override
        public TestStatistic create(Parameters parameters) {
            return new ReferenceMeanStatistic();
        }
    }
}
