package org.salientsi.io;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.ImageShape;

/**
 * How much a reader may allocate: the most elements (array values; for images pixels times channels) a file
 * may claim, checked from its header before any allocation.
 *
 * <p>{@link #DEFAULT} allows {@value #DEFAULT_MAX_ELEMENTS} elements (2^24: a 4096 x 4096 grey image, 128 MiB
 * as doubles), for callers that do not know the size to expect; {@link #forInput(ImageShape)} allows exactly
 * the elements of a model's input.
 *
 * @param maxElements the most elements a file may claim, {@code >= 1}
 * @param expected the model input the limit comes from, or {@code null} for a plain maximum
 */
public record ReadLimits(long maxElements, ImageShape expected) {

    /** The documented maximum of {@link #DEFAULT}: 2^24 elements. */
    public static final long DEFAULT_MAX_ELEMENTS = 1L << 24;

    /** At most {@value #DEFAULT_MAX_ELEMENTS} elements. */
    public static final ReadLimits DEFAULT = new ReadLimits(DEFAULT_MAX_ELEMENTS, null);

    /**
     * @throws InvalidValueException if {@code maxElements < 1}, or it differs from the expected shape's size
     */
    public ReadLimits {
        if (maxElements < 1) {
            throw InvalidValueException.of("the maximum element count must be >= 1, got %d", maxElements);
        }
        if (expected != null && expected.size() != maxElements) {
            throw InvalidValueException.of("the maximum element count %d differs from the %d of input %s",
                    maxElements, expected.size(), expected);
        }
    }

    /**
     * @param maxElements the most elements a file may claim, {@code >= 1}
     * @return the limits
     */
    public static ReadLimits maxElements(long maxElements) {
        return new ReadLimits(maxElements, null);
    }

    /**
     * @param input the shape a model takes
     * @return limits that allow exactly the elements of that shape
     */
    public static ReadLimits forInput(ImageShape input) {
        Objects.requireNonNull(input, "input");
        return new ReadLimits(input.size(), input);
    }

    /** @return the model input the limit comes from, if any */
    public Optional<ImageShape> expectedShape() {
        return Optional.ofNullable(expected);
    }

    /**
     * @param file the file's name
     * @param elements the elements it claims
     * @param what what it claims, e.g. {@code "has shape (3, 4)"}
     * @throws SizeLimitException if {@code elements} exceeds the limit
     */
    void check(String file, long elements, String what) {
        if (elements > maxElements) {
            throw new SizeLimitException(file, elements, maxElements, file + " " + what + ": "
                    + (elements == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(elements))
                    + " values, more than " + describe());
        }
    }

    /** @return the limit in words */
    String describe() {
        if (expected != null) {
            return String.format(Locale.ROOT, "the %d of the model's input (%dx%dx%d)", maxElements,
                    expected.height(), expected.width(), expected.channels());
        }
        return maxElements == DEFAULT_MAX_ELEMENTS ? "the maximum of " + maxElements + " (2^24)"
                : "the maximum of " + maxElements;
    }
}
