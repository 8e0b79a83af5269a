package org.salientsi.reports.picture;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.Region;

/**
 * Renders images, saliency heat maps, greyscale maps and region outlines as PNG (javax.imageio), scaled up by pixel
 * repetition so that small images stay crisp; returned as bytes, written to a file or given as a {@code data:} URI.
 *
 * <p>Images: one channel in grey, three channels in colour, other channel counts as the grey mean over channels;
 * values in [0, 1] are shown as they are (0 black, 1 white), other ranges are stretched from their minimum (black)
 * to their maximum (white). Heat maps: a diverging blue-white-red scale centred at 0, blue at {@code -max|S|} and red
 * at {@code +max|S|}. Greyscale maps: stretched from their minimum to their maximum (mid-grey when constant). A
 * region's outline is drawn along the boundary of its pixels, in red ({@link #OUTLINE}) unless another colour is
 * given. A scale below 1, a side longer than {@link #MAX_SIDE} screen pixels, or values or an outline that do not
 * fit the picture's size are refused with an {@link InvalidValueException}.
 */
public final class Pictures {

    /** The colour of a region's outline, RGB. */
    public static final int OUTLINE = 0xff2020;
    /** The colour of a ground-truth mask's outline (sanity checks), RGB. */
    public static final int MASK_OUTLINE = 0x00c000;
    /** The colour of the selected region's contour on the test, batch and comparison pages' maps, RGB. */
    public static final int CONTOUR = 0x00d000;
    /** The largest picture side drawn, in screen pixels (a bound on memory: 16384 x 16384 x 4 bytes = 1 GiB). */
    public static final int MAX_SIDE = 16384;

    private Pictures() {
    }

    /**
     * @param height image rows
     * @param width image columns
     * @param target the wanted size of the longer side, in screen pixels
     * @return the integer scale factor, at least 1
     */
    public static int scaleFor(int height, int width, int target) {
        return Math.max(1, target / Math.max(height, width));
    }

    /**
     * @param image an image
     * @param region pixels to outline in red, or {@code null}
     * @param scale screen pixels per image pixel, {@code >= 1}
     * @return the PNG bytes
     */
    public static byte[] image(Image image, Region region, int scale) {
        int h = image.shape().height();
        int w = image.shape().width();
        int c = image.shape().channels();
        double[] v = image.toArray();
        double[] range = range(v, v.length);
        double lo = range[0];
        double hi = range[1];
        if (lo >= 0 && hi <= 1) {
            lo = 0;
            hi = 1;
        }
        int[] rgb = new int[h * w];
        for (int p = 0; p < h * w; p++) {
            if (c == 3) {
                rgb[p] = (level(v[3 * p], lo, hi) << 16) | (level(v[3 * p + 1], lo, hi) << 8)
                        | level(v[3 * p + 2], lo, hi);
            } else {
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    sum += v[c * p + k];
                }
                rgb[p] = grey(level(sum / c, lo, hi));
            }
        }
        return encode(rgb, h, w, region, OUTLINE, scale);
    }

    /**
     * @param values row-major map values
     * @param height rows
     * @param width columns
     * @param scale screen pixels per map pixel, {@code >= 1}
     * @return the PNG bytes of the heat map
     */
    public static byte[] heat(double[] values, int height, int width, int scale) {
        return heat(values, height, width, null, OUTLINE, scale);
    }

    /**
     * @param values row-major map values
     * @param height rows
     * @param width columns
     * @param outline pixels to outline, or {@code null}
     * @param color the outline's colour, RGB
     * @param scale screen pixels per map pixel, {@code >= 1}
     * @return the PNG bytes of the heat map (blue-white-red, centred at 0)
     */
    public static byte[] heat(double[] values, int height, int width, Region outline, int color, int scale) {
        checkValues(values, height, width);
        double absMax = maxAbs(values);
        int[] rgb = new int[height * width];
        for (int p = 0; p < rgb.length; p++) {
            double t = absMax == 0 ? 0 : values[p] / absMax;
            int r = t > 0 ? 255 : (int) Math.round(255 * (1 + t));
            int b = t < 0 ? 255 : (int) Math.round(255 * (1 - t));
            int g = (int) Math.round(255 * (1 - Math.abs(t)));
            rgb[p] = (r << 16) | (g << 8) | b;
        }
        return encode(rgb, height, width, outline, color, scale);
    }

    /**
     * @param values row-major values
     * @param height rows
     * @param width columns
     * @param outline pixels to outline, or {@code null}
     * @param color the outline's colour, RGB
     * @param scale screen pixels per value, {@code >= 1}
     * @return the PNG bytes, grey from the minimum (black) to the maximum (white)
     */
    public static byte[] grey(double[] values, int height, int width, Region outline, int color, int scale) {
        checkValues(values, height, width);
        double[] range = range(values, height * width);
        int[] rgb = new int[height * width];
        for (int p = 0; p < rgb.length; p++) {
            rgb[p] = grey(level(values[p], range[0], range[1]));
        }
        return encode(rgb, height, width, outline, color, scale);
    }

    /**
     * @param values map values
     * @return the largest absolute value (the ends of the heat scale)
     */
    public static double maxAbs(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * @param png PNG bytes
     * @return a {@code data:} URI
     */
    public static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    /**
     * @param file destination
     * @param png PNG bytes
     * @throws IOException on write failure
     */
    public static void write(Path file, byte[] png) throws IOException {
        Files.write(file, png);
    }

    /** The smallest and the largest of the first {@code n} values. */
    private static double[] range(double[] values, int n) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            lo = Math.min(lo, values[p]);
            hi = Math.max(hi, values[p]);
        }
        return new double[] {lo, hi};
    }

    private static int grey(int g) {
        return (g << 16) | (g << 8) | g;
    }

    private static int level(double v, double lo, double hi) {
        if (hi == lo) {
            return 128;
        }
        return (int) Math.round(255 * Math.min(1, Math.max(0, (v - lo) / (hi - lo))));
    }

    private static void checkValues(double[] values, int height, int width) {
        if (height < 1 || width < 1 || values.length < (long) height * width) {
            throw new InvalidValueException("a " + height + " x " + width + " picture needs " + (long) height * width
                    + " values, got " + values.length);
        }
    }

    private static byte[] encode(int[] rgb, int height, int width, Region region, int color, int scale) {
        return encode(rgb, height, width, region, color, scale, 1);
    }

    /**
     * @param rgb row-major RGB per picture pixel
     * @param region pixels to outline, or {@code null}
     * @param thickness the outline's width in screen pixels, 1 to {@code scale}
     * @return the PNG bytes, each picture pixel drawn as a {@code scale x scale} square
     */
    static byte[] encode(int[] rgb, int height, int width, Region region, int color, int scale, int thickness) {
        if (scale < 1) {
            throw new InvalidValueException("scale must be >= 1, got " + scale);
        }
        if ((long) width * scale > MAX_SIDE || (long) height * scale > MAX_SIDE) {
            throw new InvalidValueException("a " + height + " x " + width + " picture at scale " + scale
                    + " is larger than " + MAX_SIDE + " pixels a side");
        }
        if (region != null && (region.height() != height || region.width() != width)) {
            throw new InvalidValueException("the outlined region is " + region.height() + " x " + region.width()
                    + ", the picture " + height + " x " + width);
        }
        BufferedImage img = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int h = 0; h < height; h++) {
            for (int w = 0; w < width; w++) {
                int c = rgb[h * width + w];
                for (int y = 0; y < scale; y++) {
                    for (int x = 0; x < scale; x++) {
                        img.setRGB(w * scale + x, h * scale + y, c);
                    }
                }
            }
        }
        if (region != null) {
            outline(img, region, color, scale, Math.max(1, Math.min(scale, thickness)));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return {@code [0, 1]} for values all in [0, 1] (shown as they are), else their smallest and largest */
    static double[] displayRange(double[] v) {
        double[] range = range(v, v.length);
        return range[0] >= 0 && range[1] <= 1 ? new double[] {0, 1} : range;
    }

    /** @return the grey level 0 to 255 of {@code v} in {@code [lo, hi]} (128 when constant) */
    static int levelOf(double v, double lo, double hi) {
        return level(v, lo, hi);
    }

    private static void outline(BufferedImage img, Region region, int color, int scale, int t) {
        for (int h = 0; h < region.height(); h++) {
            for (int w = 0; w < region.width(); w++) {
                if (!region.contains(h, w)) {
                    continue;
                }
                boolean top = h == 0 || !region.contains(h - 1, w);
                boolean bottom = h == region.height() - 1 || !region.contains(h + 1, w);
                boolean left = w == 0 || !region.contains(h, w - 1);
                boolean right = w == region.width() - 1 || !region.contains(h, w + 1);
                for (int k = 0; k < scale; k++) {
                    for (int d = 0; d < t; d++) {
                        if (top) {
                            img.setRGB(w * scale + k, h * scale + d, color);
                        }
                        if (bottom) {
                            img.setRGB(w * scale + k, h * scale + scale - 1 - d, color);
                        }
                        if (left) {
                            img.setRGB(w * scale + d, h * scale + k, color);
                        }
                        if (right) {
                            img.setRGB(w * scale + scale - 1 - d, h * scale + k, color);
                        }
                    }
                }
            }
        }
    }
}
