package org.salientsi.core.statistic;

import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Region;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.ChiStatistic;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.Subspace;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.api.statistic.TestStatisticProvider;

/**
 * Every value of the region against the reference(s) at once, a chi statistic: one direction
 * \( g_i = e_i - e_{n+i} \) per selected pixel-channel \( i \), so
 * \( T = (\sum_{i \in O} (X_i - \bar R_i)^2 / (1 + 1/m))^{1/2} \) and \( T/\sigma \sim \chi_{|O|} \) under
 * \( H_0 \): the signal equals the reference's at every value of the region (not only on average, as for
 * {@code ref-mean}). \( d = |O| \) counts pixel-channels.
 */
public final class ReferenceChiStatistic implements ChiStatistic {

    /** The statistic's name. */
    public static final String NAME = "ref-chi";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsReference() {
        return true;
    }

    @Override
    public Subspace subspace(Region region, Observation observation) {
        if (!observation.hasReference()) {
            throw new InvalidInputException("statistic ref-chi needs a reference image");
        }
        boolean[] mask = RegionIndices.valueMask(region, observation.image().shape());
        int n = mask.length;
        int count = RegionIndices.countSelected(mask, NAME);
        int[] rowStart = new int[count + 1];
        int[] indices = new int[2 * count];
        double[] coefficients = new double[2 * count];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                rowStart[k] = 2 * k;
                indices[2 * k] = i;
                coefficients[2 * k] = 1;
                indices[2 * k + 1] = n + i;
                coefficients[2 * k + 1] = -1;
                k++;
            }
        }
        rowStart[count] = 2 * count;
        return Subspace.of(rowStart, indices, coefficients);
    }

    /** Provides {@link ReferenceChiStatistic}. */
    public static final class Provider implements TestStatisticProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "chi test of X - reference on every value of the region (d = region values); needs a reference";
        }

        @Override
        public int rank() {
            return 40;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(Capabilities.NEEDS_REFERENCE, Capabilities.CHI);
        }

        @Override
        public TestStatistic create(Parameters parameters) {
            return new ReferenceChiStatistic();
        }
    }
}
