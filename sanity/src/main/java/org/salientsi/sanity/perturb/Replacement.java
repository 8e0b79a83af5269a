package org.salientsi.sanity.perturb;

import java.util.Locale;
import java.util.SplittableRandom;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.methods.blur.Border;
import org.salientsi.methods.blur.GaussianBlur;

/**
 * The replacement (baseline) operator {@code B(x, S)} of SANITY.md section 1: the perturbed features
 * take the values of a <em>canvas</em> of the image's shape, drawn once per (image, seed), so that a
 * feature gets the same value whatever the order and step at which it is perturbed.
 *
 * <table>
 *   <caption>Kinds and specifications</caption>
 *   <tr><th>spec</th><th>canvas</th></tr>
 *   <tr><td>{@code zero}</td><td>0</td></tr>
 *   <tr><td>{@code min} ({@code black})</td><td>the image's minimum</td></tr>
 *   <tr><td>{@code max} ({@code white})</td><td>the image's maximum</td></tr>
 *   <tr><td>{@code dataset-mean}</td><td>the per-channel mean of the data set</td></tr>
 *   <tr><td>{@code image-mean}</td><td>the image's per-channel mean</td></tr>
 *   <tr><td>{@code uniform} or {@code uniform:LO:HI}</td><td>i.i.d. U[LO, HI] per pixel and channel
 *       (default: the image's range), seeded</td></tr>
 *   <tr><td>{@code gaussian} or {@code gaussian:S}</td><td>{@code x + N(0, S^2)} per pixel and channel
 *       (default S: a tenth of the image's range), seeded</td></tr>
 *   <tr><td>{@code blur} or {@code blur:S}</td><td>the image blurred with a Gaussian of S pixels
 *       (default 5, truncated at 4 S, zero outside)</td></tr>
 * </table>
 *
 * @param kind the kind
 * @param a first parameter (LO, S), {@code NaN} for the default
 * @param b second parameter (HI), {@code NaN} for the default
 */
public record Replacement(Kind kind, double a, double b) {

    /** Replacement kinds. */
    public enum Kind {
        /** Zero. */
        ZERO,
        /** The image's minimum ("black"). */
        MIN,
        /** The image's maximum ("white"). */
        MAX,
        /** The data set's per-channel mean. */
        DATASET_MEAN,
        /** The image's per-channel mean. */
        IMAGE_MEAN,
        /** Seeded uniform noise. */
        UNIFORM,
        /** The image plus seeded Gaussian noise. */
        GAUSSIAN_NOISE,
        /** A Gaussian-blurred copy of the image. */
        BLUR
    }

    /** Default blur in pixels. */
    public static final double DEFAULT_BLUR_SIGMA = 5.0;

    /**
     * @throws InvalidInputException on a negative width or an empty range
     */
    public Replacement {
        if (kind == null) {
            throw new InvalidInputException("replacement kind is missing");
        }
        if ((kind == Kind.GAUSSIAN_NOISE || kind == Kind.BLUR) && !Double.isNaN(a) && !(a >= 0 && Double.isFinite(a))) {
            throw new InvalidInputException("replacement " + kind + " needs a width >= 0, got " + a);
        }
        if (kind == Kind.UNIFORM && !Double.isNaN(a) && !(Double.isFinite(a) && Double.isFinite(b) && a < b)) {
            throw new InvalidInputException("uniform replacement needs LO < HI, got " + a + ", " + b);
        }
    }

    /**
     * @param kind a kind with default parameters
     * @return the replacement
     */
    public static Replacement of(Kind kind) {
        return new Replacement(kind, Double.NaN, Double.NaN);
    }

    /**
     * @param spec a specification from the table above
     * @return the replacement
     * @throws InvalidInputException on an unknown or malformed specification
     */
    public static Replacement parse(String spec) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            switch (parts[0]) {
                case "zero":
                    return of(Kind.ZERO);
                case "min":
                case "black":
                    return of(Kind.MIN);
                case "max":
                case "white":
                    return of(Kind.MAX);
                case "dataset-mean":
                case "mean":
                    return of(Kind.DATASET_MEAN);
                case "image-mean":
                    return of(Kind.IMAGE_MEAN);
                case "uniform":
                    return parts.length == 1 ? of(Kind.UNIFORM)
                            : new Replacement(Kind.UNIFORM, Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
                case "gaussian":
                    return new Replacement(Kind.GAUSSIAN_NOISE, parts.length == 1 ? Double.NaN
                            : Double.parseDouble(parts[1]), Double.NaN);
                case "blur":
                    return new Replacement(Kind.BLUR, parts.length == 1 ? Double.NaN : Double.parseDouble(parts[1]),
                            Double.NaN);
                default:
                    break;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidInputException("malformed replacement '" + spec + "'", e);
        }
        throw new InvalidInputException("unknown replacement '" + spec + "'; use zero, min, max, dataset-mean, "
                + "image-mean, uniform[:LO:HI], gaussian[:S] or blur[:S]");
    }

    /** @return whether the canvas depends on the seed */
    public boolean random() {
        return kind == Kind.UNIFORM || kind == Kind.GAUSSIAN_NOISE;
    }

    /** @return the canonical specification (parses back to this replacement) */
    public String spec() {
        switch (kind) {
            case ZERO:
                return "zero";
            case MIN:
                return "min";
            case MAX:
                return "max";
            case DATASET_MEAN:
                return "dataset-mean";
            case IMAGE_MEAN:
                return "image-mean";
            case UNIFORM:
                return Double.isNaN(a) ? "uniform" : "uniform:" + num(a) + ":" + num(b);
            case GAUSSIAN_NOISE:
                return Double.isNaN(a) ? "gaussian" : "gaussian:" + num(a);
            case BLUR:
                return Double.isNaN(a) ? "blur" : "blur:" + num(a);
            default:
                throw new IllegalStateException();
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /**
     * The canvas of one image.
     *
     * @param chw the image (CHW)
     * @param shape its shape
     * @param datasetMean per-channel data-set mean (for {@link Kind#DATASET_MEAN}), or {@code null}
     * @param seed the (image, seed) stream's seed, used by the random kinds
     * @return a new CHW array
     * @throws InvalidInputException if the data-set mean is needed but missing or of the wrong length
     */
    public double[] canvas(double[] chw, TensorShape shape, double[] datasetMean, long seed) {
        int plane = shape.plane();
        int channels = shape.channels();
        double[] out = new double[chw.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : chw) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        switch (kind) {
            case ZERO:
                break;
            case MIN:
                java.util.Arrays.fill(out, lo);
                break;
            case MAX:
                java.util.Arrays.fill(out, hi);
                break;
            case DATASET_MEAN:
                if (datasetMean == null || (datasetMean.length != channels && datasetMean.length != 1)) {
                    throw new InvalidInputException("dataset-mean replacement needs the data set's mean for "
                            + channels + " channel(s)");
                }
                for (int c = 0; c < channels; c++) {
                    java.util.Arrays.fill(out, c * plane, (c + 1) * plane,
                            datasetMean[datasetMean.length == 1 ? 0 : c]);
                }
                break;
            case IMAGE_MEAN:
                for (int c = 0; c < channels; c++) {
                    double s = 0;
                    for (int i = c * plane; i < (c + 1) * plane; i++) {
                        s += chw[i];
                    }
                    java.util.Arrays.fill(out, c * plane, (c + 1) * plane, s / plane);
                }
                break;
            case UNIFORM: {
                double l = Double.isNaN(a) ? lo : a;
                double h = Double.isNaN(a) ? hi : b;
                SplittableRandom rng = new SplittableRandom(seed);
                for (int i = 0; i < out.length; i++) {
                    out[i] = l + (h - l) * rng.nextDouble();
                }
                break;
            }
            case GAUSSIAN_NOISE: {
                double s = Double.isNaN(a) ? 0.1 * (hi - lo) : a;
                SplittableRandom rng = new SplittableRandom(seed);
                for (int i = 0; i < out.length; i += 2) {
                    double u1 = rng.nextDouble();
                    double u2 = rng.nextDouble();
                    double r = Math.sqrt(-2 * Math.log1p(-u1));
                    out[i] = chw[i] + s * r * Math.cos(2 * Math.PI * u2);
                    if (i + 1 < out.length) {
                        out[i + 1] = chw[i + 1] + s * r * Math.sin(2 * Math.PI * u2);
                    }
                }
                break;
            }
            case BLUR:
                return GaussianBlur.of(Double.isNaN(a) ? DEFAULT_BLUR_SIGMA : a, Border.ZERO)
                        .applyChannels(chw, channels, shape.height(), shape.width());
            default:
                throw new IllegalStateException();
        }
        return out;
    }
}
