package org.salientsi.reports.picture;

import java.util.Locale;
import org.salientsi.api.error.InvalidValueException;

/**
 * Which part of a signed map a picture shows, as Captum's {@code visualize_image_attr} does: every value on a
 * diverging scale centred at 0, only the positive values, only the negative ones (by their size), or the absolute
 * values. Each has its colour map and scales by its own largest value, so that the colour bar runs from
 * {@link #low} to {@link #high} of the map shown.
 */
public enum SignMode {
    /** Every value, blue below 0 and red above, on {@code [-max|S|, max|S|]}. */
    ALL("all", Colormap.DIVERGING),
    /** The positive values on {@code [0, max S]}; the others white. */
    POSITIVE("positive", Colormap.REDS),
    /** The negative values by their size on {@code [0, max(-S)]}; the others white. */
    NEGATIVE("negative", Colormap.BLUES),
    /** The absolute values on {@code [0, max|S|]}. */
    ABSOLUTE("absolute", Colormap.PURPLES);

    private final String label;
    private final Colormap colormap;

    SignMode(String label, Colormap colormap) {
        this.label = label;
        this.colormap = colormap;
    }

    /** @return the mode's name: all, positive, negative or absolute */
    public String label() {
        return label;
    }

    /** @return its colour map */
    public Colormap colormap() {
        return colormap;
    }

    /**
     * @param text a mode's name (case-insensitive)
     * @return the mode
     * @throws InvalidValueException for another name, listing the names
     */
    public static SignMode parse(String text) {
        for (SignMode m : values()) {
            if (m.label.equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new InvalidValueException("unknown sign mode '" + text + "': all, positive, negative or absolute");
    }

    /**
     * @param values a map
     * @return the largest value this mode shows (the top of its colour bar), 0 if none
     */
    public double scale(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, switch (this) {
                case ALL, ABSOLUTE -> Math.abs(v);
                case POSITIVE -> v;
                case NEGATIVE -> -v;
            });
        }
        return m;
    }

    /** @param scale {@link #scale} of the map @return the value at the left end of the colour bar */
    public double low(double scale) {
        return this == ALL ? -scale : 0;
    }

    /** @param scale {@link #scale} of the map @return the value at the right end of the colour bar */
    public double high(double scale) {
        return scale;
    }

    /**
     * @param v a value of the map
     * @param scale {@link #scale} of the map
     * @return its position on the colour bar, in [0, 1]
     */
    public double position(double v, double scale) {
        if (scale <= 0) {
            return this == ALL ? 0.5 : 0;
        }
        double u = switch (this) {
            case ALL -> 0.5 + 0.5 * v / scale;
            case POSITIVE -> v / scale;
            case NEGATIVE -> -v / scale;
            case ABSOLUTE -> Math.abs(v) / scale;
        };
        return Math.min(1, Math.max(0, u));
    }

    /**
     * @param v a value of the map
     * @param scale {@link #scale} of the map
     * @return how strongly it shows, in [0, 1] (0 at zero and for values this mode leaves out)
     */
    public double strength(double v, double scale) {
        return this == ALL ? Math.abs(2 * position(v, scale) - 1) : position(v, scale);
    }
}
