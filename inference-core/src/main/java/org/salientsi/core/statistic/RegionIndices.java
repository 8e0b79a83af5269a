package org.salientsi.core.statistic;

import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.image.Region;

/** Maps a region of pixels to the HWC indices of their values (every channel of a selected pixel). */
final class RegionIndices {

    private RegionIndices() {
    }

    /**
     * @param region the region on the pixel grid
     * @param shape the image shape
     * @return per HWC value index, whether its pixel is selected
     */
    static boolean[] valueMask(Region region, ImageShape shape) {
        if (region.height() != shape.height() || region.width() != shape.width()) {
            throw new ShapeMismatchException("region " + region.height() + "x" + region.width()
                    + " does not fit image " + shape);
        }
        int ch = shape.channels();
        boolean[] mask = new boolean[shape.size()];
        for (int p = 0; p < shape.pixels(); p++) {
            if (region.contains(p)) {
                for (int c = 0; c < ch; c++) {
                    mask[p * ch + c] = true;
                }
            }
        }
        return mask;
    }

    /**
     * @param mask per-value membership
     * @param statistic the statistic's name, for the message
     * @return the number of selected values
     * @throws EmptyRegionException if there is none
     */
    static int countSelected(boolean[] mask, String statistic) {
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        if (count == 0) {
            throw new EmptyRegionException("statistic " + statistic + ": the region is empty");
        }
        return count;
    }
}
