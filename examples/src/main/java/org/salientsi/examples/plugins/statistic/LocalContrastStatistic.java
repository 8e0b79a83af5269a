package org.salientsi.examples.plugins.statistic;

import java.util.Set;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.image.Region;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Contrast;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.api.statistic.TestStatisticProvider;

/**
 * An example test statistic written against the SPI only: the mean of the region minus the mean of the
 * ring around it, \( T = \bar X_O - \bar X_{N(O)} \), where the ring \( N(O) \) holds the pixels outside
 * the region within one pixel of it (8-neighbourhood); with C channels a pixel brings all its channels.
 * No reference image is needed.
 *
 * <p>The direction \( \eta = 1_O / |O| - 1_{N(O)} / |N(O)| \) depends on the data only through the region,
 * so \( \eta^\top Y \) given the selection is a truncated normal and the core's selective p-value is
 * valid. A region whose ring is empty (it covers the image) has nothing to compare with: a typed error.
 */
public final class LocalContrastStatistic implements TestStatistic {

    /** The name users type: {@code --statistic local-contrast}. */
    public static final String NAME = "local-contrast";

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
        ImageShape shape = observation.image().shape();
        int h = shape.height();
        int w = shape.width();
        int c = shape.channels();
        if (region.isEmpty()) {
            throw new EmptyRegionException("statistic " + NAME + " needs a non-empty region");
        }
        boolean[] ring = new boolean[h * w];
        int inRegion = 0;
        int inRing = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (region.contains(y, x)) {
                    inRegion++;
                    continue;
                }
                for (int dy = -1; dy <= 1 && !ring[y * w + x]; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int yy = y + dy;
                        int xx = x + dx;
                        if (yy >= 0 && yy < h && xx >= 0 && xx < w && region.contains(yy, xx)) {
                            ring[y * w + x] = true;
                            break;
                        }
                    }
                }
                inRing += ring[y * w + x] ? 1 : 0;
            }
        }
        if (inRing == 0) {
            throw new EmptyRegionException("statistic " + NAME + ": the region leaves no pixel around it to compare");
        }
        // eta over the stacked data: the image only (channels last, as the image stores it)
        double[] eta = new double[observation.stackedSize()];
        for (int p = 0; p < h * w; p++) {
            double v = region.contains(p) ? 1.0 / (inRegion * c) : ring[p] ? -1.0 / (inRing * c) : 0.0;
            for (int ch = 0; ch < c; ch++) {
                eta[p * c + ch] = v;
            }
        }
        return Contrast.of(eta);
    }

    /** The provider that {@code META-INF/services/org.salientsi.api.statistic.TestStatisticProvider} lists. */
    public static final class Provider implements TestStatisticProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "example plugin: region mean minus the mean of the ring of pixels around it (no reference)";
        }

        @Override
        public Set<String> capabilities() {
            return Set.of();
        }

        @Override
        public TestStatistic create(Parameters parameters) {
            return new LocalContrastStatistic();
        }
    }
}
