package org.salientsi.methods.support;

import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.spi.Parameters;

/**
 * How a per-channel map (one value per input pixel and channel, CHW) becomes one value per pixel,
 * the {@code channels} option: {@code sum} adds the channels, {@code max-abs} takes the largest
 * absolute value. A method may first take each entry's absolute value (the {@code gradient} method).
 * With one channel {@code sum} is the identity and {@code max-abs} the absolute value.
 *
 * <p>On a piece both stay piecewise linear: an absolute value is a sign decision
 * ({@link Piece#positive}), and the largest absolute value is an arg-max over the
 * {@code 2C} candidates \( \pm v_c \) ({@link Piece#argmax}), each narrowing the piece.
 */
public enum ChannelReduction {
    /** The sum over channels. */
    SUM("sum"),
    /** The largest absolute value over channels. */
    MAX_ABS("max-abs");

    private final String label;

    ChannelReduction(String label) {
        this.label = label;
    }

    /** @return the option value */
    public String label() {
        return label;
    }

    /**
     * @param parameters the method's options
     * @return the {@code channels} option ({@code sum} when unset)
     * @throws InvalidInputException for another value
     */
    public static ChannelReduction of(Parameters parameters) {
        String v = parameters.get("channels").orElse("sum").trim().toLowerCase(Locale.ROOT);
        for (ChannelReduction r : values()) {
            if (r.label.equals(v)) {
                return r;
            }
        }
        throw new InvalidInputException("--channels must be sum or max-abs, got '" + v + "'");
    }

    /**
     * Reduces values at a point.
     *
     * @param chw per-channel values ({@code channels * plane})
     * @param channels channels
     * @param plane pixels
     * @param abs whether each entry's absolute value is taken first
     * @param out receives one value per pixel
     */
    public void reduce(double[] chw, int channels, int plane, boolean abs, double[] out) {
        for (int i = 0; i < plane; i++) {
            double r = 0;
            for (int c = 0; c < channels; c++) {
                double v = chw[c * plane + i];
                if (this == MAX_ABS) {
                    r = Math.max(r, Math.abs(v));
                } else {
                    r += abs ? Math.abs(v) : v;
                }
            }
            out[i] = r;
        }
    }

    /**
     * Reduces values on a piece, where entry {@code e} is {@code pc[e] + qc[e] z}.
     *
     * @param line the piece; the reduction's decisions narrow it
     * @param pc per-channel intercepts
     * @param qc per-channel slopes
     * @param channels channels
     * @param plane pixels
     * @param abs whether each entry's absolute value is taken first
     * @param p receives the intercepts per pixel
     * @param q receives the slopes per pixel
     * @param sp scratch of at least {@code 2 * channels}
     * @param sq scratch of at least {@code 2 * channels}
     */
    public void reduce(Piece line, double[] pc, double[] qc, int channels, int plane, boolean abs,
                       double[] p, double[] q, double[] sp, double[] sq) {
        for (int i = 0; i < plane; i++) {
            if (this == MAX_ABS) {
                for (int c = 0; c < channels; c++) {
                    int e = c * plane + i;
                    sp[2 * c] = pc[e];
                    sq[2 * c] = qc[e];
                    sp[2 * c + 1] = -pc[e];
                    sq[2 * c + 1] = -qc[e];
                }
                int w = line.argmax(sp, sq, 0, 2 * channels, 1);
                p[i] = sp[w];
                q[i] = sq[w];
                continue;
            }
            double rp = 0;
            double rq = 0;
            for (int c = 0; c < channels; c++) {
                int e = c * plane + i;
                if (!abs || line.positive(pc[e], qc[e])) {
                    rp += pc[e];
                    rq += qc[e];
                } else {
                    rp -= pc[e];
                    rq -= qc[e];
                }
            }
            p[i] = rp;
            q[i] = rq;
        }
    }
}
