package org.salientsi.core.statistic;

import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.image.Region;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.ChiStatistic;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.Subspace;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.api.statistic.TestStatisticProvider;

/**
 * The region's mean difference to the reference(s) in every channel at once, a chi statistic: one direction
 * per channel \( c \), \( g_c = [1_{O,c}; -1_{O,c}]/|O| \) over the region's pixels, so \( d = C \); with one
 * channel it is \( |T| \) of {@code ref-mean}. \( H_0 \): in every channel the region's mean signal equals the
 * reference's.
 */
public final class ReferenceChiChannelsStatistic implements ChiStatistic {

    /** The statistic's name. */
    public static final String NAME = "ref-chi-channels";

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
            throw new InvalidInputException("statistic ref-chi-channels needs a reference image");
        }
        ImageShape shape = observation.image().shape();
        boolean[] mask = RegionIndices.valueMask(region, shape);
        int channels = shape.channels();
        int n = mask.length;
        int values = RegionIndices.countSelected(mask, NAME);
        int pixels = values / channels;
        int[] rowStart = new int[channels + 1];
        int[] indices = new int[2 * values];
        double[] coefficients = new double[2 * values];
        int j = 0;
        for (int c = 0; c < channels; c++) {
            rowStart[c] = j;
            for (int i = c; i < n; i += channels) {
                if (mask[i]) {
                    indices[j] = i;
                    coefficients[j++] = 1.0 / pixels;
                    indices[j] = n + i;
                    coefficients[j++] = -1.0 / pixels;
                }
            }
        }
        rowStart[channels] = j;
        return Subspace.of(rowStart, indices, coefficients);
    }

    /** Provides {@link ReferenceChiChannelsStatistic}. */
    public static final class Provider implements TestStatisticProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "chi test of the region's mean X - reference in every channel (d = channels); needs a reference";
        }

        @Override
        public int rank() {
            return 50;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of(Capabilities.NEEDS_REFERENCE, Capabilities.CHI);
        }

        @Override
        public TestStatistic create(Parameters parameters) {
            return new ReferenceChiChannelsStatistic();
        }
    }
}
