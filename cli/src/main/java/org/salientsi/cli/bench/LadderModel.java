package org.salientsi.cli.bench;

import java.util.Locale;
import java.util.regex.Pattern;
import org.salientsi.api.error.InvalidInputException;

/**
 * One model of a ladder's manifest.
 *
 * @param file the ONNX file's name, in the ladder folder (no folder part)
 * @param family the architecture ({@code vgg}, {@code unet}, {@code resnet18}, ...)
 * @param size the image side, in pixels, {@code >= 1}
 * @param channels image channels, {@code >= 1}
 * @param state {@code random} or {@code trained} weights (any non-blank label)
 * @param macs multiply-accumulate operations of one forward pass, {@code >= 0}
 * @param sha256 the file's SHA-256, 64 lower-case hex digits
 * @param images the key of the model's image pairs in the manifest ({@code 64x64x1})
 */
public record LadderModel(String file, String family, int size, int channels, String state, long macs, String sha256,
                          String images) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * @throws InvalidInputException naming the model and the field of a bad value
     */
    public LadderModel {
        if (file == null || file.isBlank() || file.contains("/") || file.contains("\\")) {
            throw new InvalidInputException("ladder.json: a model's 'file' must be a file name in the ladder folder, "
                    + "got '" + file + "'");
        }
        String where = "ladder.json: model " + file + ": ";
        if (family == null || family.isBlank() || state == null || state.isBlank()) {
            throw new InvalidInputException(where + "'family' and 'state' must be non-blank");
        }
        if (size < 1 || channels < 1) {
            throw new InvalidInputException(where + "'size' and 'channels' must be >= 1, got " + size + " and "
                    + channels);
        }
        if (macs < 0) {
            throw new InvalidInputException(where + "'macs' must be >= 0, got " + macs);
        }
        sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new InvalidInputException(where + "'sha256' must be 64 hex digits, got '" + sha256 + "'");
        }
        if (images == null || images.isBlank()) {
            throw new InvalidInputException(where + "'images' must name a set of image pairs");
        }
    }

    /** @return pixels of one image channel: {@code size * size} */
    public long pixels() {
        return (long) size * size;
    }
}
