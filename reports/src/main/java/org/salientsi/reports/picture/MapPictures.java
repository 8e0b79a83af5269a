package org.salientsi.reports.picture;

import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.Region;

/**
 * Pictures of a saliency map as the test pages show it (PNG bytes): the map alone in a {@link SignMode}'s colours,
 * and the map blended over the image, each with the selected region's contour. In the blend a pixel's colour is
 * {@code (1 - a) grey + a colour}, with {@code grey} the image's brightness (its channels' mean, stretched as
 * {@link Pictures#image} does) and opacity {@code a = OPACITY * strength}: 0 where the map is 0, so the image shows
 * through where nothing is salient, and {@link #OPACITY} at the largest value shown. A map and image of different
 * sizes, or a contour of another size, are refused with an {@link InvalidValueException}.
 */
public final class MapPictures {

    /** The opacity of the strongest value in a blend. */
    public static final double OPACITY = 0.85;

    private MapPictures() {
    }

    /**
     * @param values row-major map values
     * @param height rows
     * @param width columns
     * @param mode which values to show, and their colours
     * @param contour pixels to outline, or {@code null}
     * @param scale screen pixels per map pixel, {@code >= 1}
     * @return the PNG bytes of the map in the mode's colours (scaled by {@link SignMode#scale})
     */
    public static byte[] heat(double[] values, int height, int width, SignMode mode, Region contour, int scale) {
        check(values, height, width);
        double s = mode.scale(values);
        int[] rgb = new int[height * width];
        for (int p = 0; p < rgb.length; p++) {
            rgb[p] = mode.colormap().rgb(mode.position(values[p], s));
        }
        return Pictures.encode(rgb, height, width, contour, Pictures.CONTOUR, scale, thickness(scale));
    }

    /**
     * @param image the image the map explains (its height and width)
     * @param values row-major map values, one per pixel
     * @param mode which values to show, and their colours
     * @param contour pixels to outline, or {@code null}
     * @param scale screen pixels per pixel, {@code >= 1}
     * @return the PNG bytes of the map blended over the image
     */
    public static byte[] overlay(Image image, double[] values, SignMode mode, Region contour, int scale) {
        int h = image.shape().height();
        int w = image.shape().width();
        check(values, h, w);
        double[] grey = brightness(image);
        double[] range = Pictures.displayRange(grey);
        double s = mode.scale(values);
        int[] rgb = new int[h * w];
        for (int p = 0; p < rgb.length; p++) {
            int g = Pictures.levelOf(grey[p], range[0], range[1]);
            int c = mode.colormap().rgb(mode.position(values[p], s));
            double a = OPACITY * mode.strength(values[p], s);
            rgb[p] = (blend(g, c >> 16, a) << 16) | (blend(g, c >> 8, a) << 8) | blend(g, c, a);
        }
        return Pictures.encode(rgb, h, w, contour, Pictures.CONTOUR, scale, thickness(scale));
    }

    /**
     * @param x an image
     * @param lo the value drawn black
     * @param hi the value drawn white ({@code hi > lo}, else mid-grey)
     * @param contour pixels to outline, or {@code null}
     * @param scale screen pixels per pixel, {@code >= 1}
     * @return the PNG bytes of its brightness in grey (so that images drawn with the same ends compare)
     */
    public static byte[] grey(Image x, double lo, double hi, Region contour, int scale) {
        double[] v = brightness(x);
        int[] rgb = new int[v.length];
        for (int p = 0; p < v.length; p++) {
            int g = Pictures.levelOf(v[p], lo, hi);
            rgb[p] = (g << 16) | (g << 8) | g;
        }
        return Pictures.encode(rgb, x.shape().height(), x.shape().width(), contour, Pictures.CONTOUR, scale,
                thickness(scale));
    }

    /**
     * @param images images
     * @return the ends to draw them all with: {@code [0, 1]} if every brightness is in [0, 1], else the smallest
     *     and the largest brightness
     */
    public static double[] commonRange(Image... images) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Image x : images) {
            double[] r = Pictures.displayRange(brightness(x));
            lo = Math.min(lo, r[0]);
            hi = Math.max(hi, r[1]);
        }
        return new double[] {lo, hi};
    }

    /**
     * @param x an image
     * @param r a reference of the same shape
     * @return {@code X - R} per pixel, averaged over channels, row-major
     */
    public static double[] difference(Image x, Image r) {
        if (!x.shape().equals(r.shape())) {
            throw new InvalidValueException("X is " + x.shape() + ", the reference " + r.shape());
        }
        double[] a = brightness(x);
        double[] b = brightness(r);
        for (int p = 0; p < a.length; p++) {
            a[p] -= b[p];
        }
        return a;
    }

    /**
     * @param x an image
     * @return its channels' mean per pixel, row-major
     */
    public static double[] brightness(Image x) {
        int c = x.shape().channels();
        double[] v = x.toArray();
        double[] out = new double[x.shape().height() * x.shape().width()];
        for (int p = 0; p < out.length; p++) {
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += v[c * p + k];
            }
            out[p] = sum / c;
        }
        return out;
    }

    /** @return the contour's width in screen pixels at a scale: about a quarter of a pixel, 1 to 3 */
    static int thickness(int scale) {
        return Math.max(1, Math.min(3, Math.round(scale / 4f)));
    }

    private static int blend(int grey, int colour, double a) {
        return (int) Math.round((1 - a) * grey + a * (colour & 0xff));
    }

    private static void check(double[] values, int height, int width) {
        if (height < 1 || width < 1 || values.length != (long) height * width) {
            throw new InvalidValueException("a " + height + " x " + width + " map needs " + (long) height * width
                    + " values, got " + values.length);
        }
    }
}
