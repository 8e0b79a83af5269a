package org.salientsi.api.selection;

import java.util.Arrays;
import org.salientsi.api.error.InvalidValueException;

/**
 * Which pixels a selector selects on a piece, row-major. Mutable and reused: the engine keeps one per search
 * and the selector overwrites every pixel of it on each call (no allocation per piece).
 */
public final class RegionMask {

    private final int height;
    private final int width;
    private final boolean[] selected;

    private RegionMask(int height, int width) {
        this.height = height;
        this.width = width;
        this.selected = new boolean[height * width];
    }

    /**
     * @param height rows, {@code >= 1}
     * @param width columns, {@code >= 1}
     * @return an empty mask
     * @throws InvalidValueException for a non-positive or too large size
     */
    public static RegionMask of(int height, int width) {
        if (height < 1 || width < 1 || (long) height * width > Integer.MAX_VALUE - 8) {
            throw InvalidValueException.of("a region mask needs a positive size, got %dx%d", height, width);
        }
        return new RegionMask(height, width);
    }

    /** @return rows */
    public int height() {
        return height;
    }

    /** @return columns */
    public int width() {
        return width;
    }

    /** @return the number of pixels */
    public int size() {
        return selected.length;
    }

    /**
     * @param pixel a row-major index
     * @param value whether the pixel is selected
     */
    public void set(int pixel, boolean value) {
        selected[pixel] = value;
    }

    /**
     * @param pixel a row-major index
     * @return whether it is selected
     */
    public boolean get(int pixel) {
        return selected[pixel];
    }

    /** Selects no pixel. */
    public void clear() {
        Arrays.fill(selected, false);
    }

    /**
     * @param membership a row-major membership of {@link #size()} pixels
     * @return whether this mask selects exactly those pixels
     */
    public boolean sameAs(boolean[] membership) {
        return Arrays.equals(selected, membership);
    }

    /** @return a copy of the membership, row-major */
    public boolean[] toArray() {
        return selected.clone();
    }
}
