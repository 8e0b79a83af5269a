package org.salientsi.cli.testplugin;

import org.salientsi.api.image.Region;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Contrast;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.api.statistic.TestStatisticProvider;

/**
 * A test-only statistic that does not declare {@link org.salientsi.api.spi.Capabilities#SUB_REGIONS} (the mean of
 * the image over the region, no reference), registered through {@code META-INF/services} in the cli's test
 * resources: {@code --components} must refuse it, since its contrast is not said to be defined on a part of a
 * region.
 */
public final class WholeRegionStatisticProvider implements TestStatisticProvider {

    /** The statistic's name. */
    public static final String NAME = "test-whole-region";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test only: the region's mean, defined for the whole selected region only";
    }

    @Override
    public TestStatistic create(Parameters parameters) {
        return new TestStatistic() {
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
                double[] eta = new double[observation.stackedSize()];
                for (int p : region.pixels()) {
                    eta[p] = 1.0 / region.size();
                }
                return Contrast.of(eta);
            }
        };
    }
}
