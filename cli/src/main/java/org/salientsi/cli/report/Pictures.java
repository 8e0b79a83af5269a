package org.salientsi.cli.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.salientsi.api.image.Region;

/** Renders grey images, heat maps and region outlines as PNG (javax.imageio), scaled up by pixel repetition. */
public final class Pictures {

    private Pictures() {
    }

    /**
     * @param values row-major values
     * @param height rows
     * @param width columns
     * @param region pixels to outline in red, or {@code null}
     * @param heat whether to use a blue-white-red diverging scale centred at 0 (else grey, min to max)
     * @param scale pixels per value
     * @return a {@code data:} URI of the PNG
     */
    public static String png(double[] values, int height, int width, Region region, boolean heat, int scale) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double absMax = Math.max(Math.abs(lo), Math.abs(hi));
        BufferedImage img = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int h = 0; h < height; h++) {
            for (int w = 0; w < width; w++) {
                double v = values[h * width + w];
                int rgb;
                if (heat) {
                    double t = absMax == 0 ? 0 : v / absMax;
                    int r = t > 0 ? 255 : (int) Math.round(255 * (1 + t));
                    int b = t < 0 ? 255 : (int) Math.round(255 * (1 - t));
                    int g = (int) Math.round(255 * (1 - Math.abs(t)));
                    rgb = (r << 16) | (g << 8) | b;
                } else {
                    int g = hi == lo ? 128 : (int) Math.round(255 * (v - lo) / (hi - lo));
                    rgb = (g << 16) | (g << 8) | g;
                }
                for (int y = 0; y < scale; y++) {
                    for (int x = 0; x < scale; x++) {
                        img.setRGB(w * scale + x, h * scale + y, rgb);
                    }
                }
            }
        }
        if (region != null) {
            outline(img, region, scale);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static void outline(BufferedImage img, Region region, int scale) {
        int red = 0xff2020;
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
                    if (top) {
                        img.setRGB(w * scale + k, h * scale, red);
                    }
                    if (bottom) {
                        img.setRGB(w * scale + k, h * scale + scale - 1, red);
                    }
                    if (left) {
                        img.setRGB(w * scale, h * scale + k, red);
                    }
                    if (right) {
                        img.setRGB(w * scale + scale - 1, h * scale + k, red);
                    }
                }
            }
        }
    }
}
