package org.salientsi.core.statistic;

import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Region;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Contrast;
import org.salientsi.api.statistic.LinearConstraints;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.api.statistic.TestStatisticProvider;

/**
 * Mean absolute difference between the test image and the reference(s) over the region (the paper's
 * "abs" statistic): with \( s_i = \mathrm{sign}(X_i - \bar R_i) \), \( \eta = [s_O/|O|; -s_O/|O|] \)
 * and \( T = \frac{1}{|O|}\sum_{i \in O} |X_i - \bar R_i| \). The signs are data-dependent, so they
 * join the selection event as the constraints \( s_i (X_i - \bar R_i) > 0 \), \( i \in O \).
 */
public final class ReferenceAbsStatistic implements TestStatistic {

    /** The statistic's name. */
    public static final String NAME = "ref-abs";

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
            throw new InvalidInputException("statistic ref-abs needs a reference image");
        }
        boolean[] mask = RegionIndices.valueMask(region, observation.image().shape());
        int n = mask.length;
        double[] x = observation.image().toArray();
        double[] r = observation.referenceMean().toArray();
        int count = RegionIndices.countSelected(mask, NAME);
        double[] eta = new double[2 * n];
        int[] rowStart = new int[count + 1];
        int[] indices = new int[2 * count];
        double[] coefficients = new double[2 * count];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!mask[i]) {
                continue;
            }
            double s = x[i] - r[i] >= 0 ? 1.0 : -1.0;
            eta[i] = s / count;
            eta[n + i] = -s / count;
            rowStart[k] = 2 * k;
            indices[2 * k] = i;
            coefficients[2 * k] = s;
            indices[2 * k + 1] = n + i;
            coefficients[2 * k + 1] = -s;
            k++;
        }
        rowStart[count] = 2 * count;
        return new Contrast(eta, LinearConstraints.of(rowStart, indices, coefficients));
    }

    /** Provides {@link ReferenceAbsStatistic}. */
    public static final class Provider implements TestStatisticProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "mean |X - reference| over the region (the paper's 'abs'); signs join the selection event";
        }

        @Override
        public int rank() {
            return 20;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(Capabilities.NEEDS_REFERENCE, Capabilities.EXTRA_CONSTRAINTS, Capabilities.SUB_REGIONS);
        }

        @Override
        public TestStatistic create(Parameters parameters) {
            return new ReferenceAbsStatistic();
        }
    }
}
