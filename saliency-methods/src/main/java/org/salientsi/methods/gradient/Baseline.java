package org.salientsi.methods.gradient;

import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.TensorShape;

/**
 * The baseline \( b \) of integrated gradients, from the {@code baseline} option: {@code zero} (the
 * default), one number (a constant image), or one number per pixel and channel, separated by commas or
 * white space, in the (H, W, C) channels-last order of a {@code .npy} image (as
 * {@link #format(double[])} writes it).
 */
final class Baseline {

    private Baseline() {
    }

    /**
     * @param text the option, or {@code null}
     * @param shape the network's input shape
     * @return the baseline in the network's CHW order
     * @throws InvalidInputException if the text is not one of the forms above or a value is not finite
     */
    static double[] parse(String text, TensorShape shape) {
        int n = shape.size();
        double[] chw = new double[n];
        if (text == null || text.isBlank() || text.trim().toLowerCase(Locale.ROOT).equals("zero")) {
            return chw;
        }
        String[] parts = text.trim().split("[,\\s]+");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("option baseline must be 'zero', a number, or " + n
                        + " numbers (H x W x C); '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(values[i])) {
                throw new InvalidInputException("option baseline value " + i + " is not finite: " + parts[i]);
            }
        }
        if (values.length == 1) {
            java.util.Arrays.fill(chw, values[0]);
            return chw;
        }
        if (values.length != n) {
            throw new InvalidInputException("option baseline has " + values.length + " values; the input "
                    + shape.height() + "x" + shape.width() + "x" + shape.channels() + " needs " + n + " (or 1)");
        }
        int c = shape.channels();
        int plane = shape.plane();
        for (int pix = 0; pix < plane; pix++) {
            for (int ch = 0; ch < c; ch++) {
                chw[ch * plane + pix] = values[pix * c + ch];
            }
        }
        return chw;
    }

    /**
     * @param hwc values in (H, W, C) order
     * @return the option text that {@link #parse} reads back exactly
     */
    static String format(double[] hwc) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hwc.length; i++) {
            sb.append(i == 0 ? "" : ",").append(hwc[i]);
        }
        return sb.toString();
    }
}
