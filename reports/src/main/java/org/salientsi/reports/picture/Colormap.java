package org.salientsi.reports.picture;

import java.util.List;
import java.util.Locale;
import org.salientsi.api.error.InvalidValueException;

/**
 * A colour map: colours at stops in [0, 1], linearly interpolated in sRGB between them, so that a CSS
 * {@code linear-gradient} through the same stops ({@link #cssGradient}) shows exactly the colours of the pictures
 * (the colour bar of a page is that gradient). Immutable.
 *
 * @param positions the stops, strictly increasing from 0 to 1
 * @param colors the RGB colour at each stop
 */
public record Colormap(List<Double> positions, List<Integer> colors) {

    /**
     * Diverging, centred at 0.5 (ColorBrewer RdBu): dark blue, light blue, near white, light red, dark red. The
     * map of signed values, with 0 at its centre.
     */
    public static final Colormap DIVERGING = of(new double[] {0, 0.25, 0.5, 0.75, 1},
            new int[] {0x2166ac, 0x67a9cf, 0xf7f7f7, 0xef8a62, 0xb2182b});
    /** Sequential, near white to dark red: positive values. */
    public static final Colormap REDS = of(new double[] {0, 0.5, 1}, new int[] {0xf7f7f7, 0xef8a62, 0xb2182b});
    /** Sequential, near white to dark blue: the size of negative values. */
    public static final Colormap BLUES = of(new double[] {0, 0.5, 1}, new int[] {0xf7f7f7, 0x67a9cf, 0x2166ac});
    /** Sequential, near white to dark purple: absolute values. */
    public static final Colormap PURPLES = of(new double[] {0, 0.5, 1}, new int[] {0xf7f7f7, 0x9e9ac8, 0x54278f});

    /** Checks the stops. */
    public Colormap {
        positions = List.copyOf(positions);
        colors = List.copyOf(colors);
        if (positions.size() < 2 || positions.size() != colors.size() || positions.get(0) != 0
                || positions.get(positions.size() - 1) != 1) {
            throw new InvalidValueException("a colour map needs at least two stops from 0 to 1, one colour each");
        }
        for (int i = 1; i < positions.size(); i++) {
            if (!(positions.get(i) > positions.get(i - 1))) {
                throw new InvalidValueException("the stops of a colour map must increase, got " + positions);
            }
        }
    }

    /**
     * @param positions the stops, increasing from 0 to 1
     * @param colors RGB per stop
     * @return the colour map
     */
    public static Colormap of(double[] positions, int[] colors) {
        return new Colormap(java.util.Arrays.stream(positions).boxed().toList(),
                java.util.Arrays.stream(colors).boxed().toList());
    }

    /**
     * @param u a position, clamped to [0, 1] (NaN: the first colour)
     * @return the RGB colour there
     */
    public int rgb(double u) {
        double x = Double.isNaN(u) ? 0 : Math.min(1, Math.max(0, u));
        int i = 1;
        while (i < positions.size() - 1 && positions.get(i) < x) {
            i++;
        }
        double a = positions.get(i - 1);
        double f = (x - a) / (positions.get(i) - a);
        int c0 = colors.get(i - 1);
        int c1 = colors.get(i);
        return (mix(c0 >> 16, c1 >> 16, f) << 16) | (mix(c0 >> 8, c1 >> 8, f) << 8) | mix(c0, c1, f);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    }

    /** @return a CSS {@code linear-gradient} from left (0) to right (1) through the same stops */
    public String cssGradient() {
        StringBuilder sb = new StringBuilder("linear-gradient(to right");
        for (int i = 0; i < positions.size(); i++) {
            sb.append(String.format(Locale.ROOT, ", #%06x %.1f%%", colors.get(i), 100 * positions.get(i)));
        }
        return sb.append(')').toString();
    }
}
