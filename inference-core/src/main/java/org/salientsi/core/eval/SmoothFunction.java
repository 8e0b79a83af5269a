package org.salientsi.core.eval;

import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfc;

/**
 * The smooth elementwise functions of the IR, with what the segment bounds need of each: the value, the
 * derivative, the range of the derivative over an interval and where the function is convex or concave.
 *
 * <p>Sigmoid, tanh and erf are increasing, convex on \( (-\infty, 0] \) and concave on \( [0, \infty) \),
 * their derivatives unimodal with the maximum at 0. The exponential is increasing and convex. GELU,
 * \( x \Phi(x) \), has \( f' = \Phi(x) + x \varphi(x) \) and \( f'' = \varphi(x)(2 - x^2) \): convex on
 * \( [-\sqrt 2, \sqrt 2] \), concave outside, \( f' \) smallest at \( -\sqrt 2 \) and largest at
 * \( \sqrt 2 \).
 */
enum SmoothFunction {

    /** \( 1 / (1 + e^{-x}) \). */
    SIGMOID("Sigmoid") {
        @Override
        double value(double x) {
            if (x >= 0) {
                return 1 / (1 + Math.exp(-x));
            }
            double e = Math.exp(x);
            return e / (1 + e);
        }

        @Override
        double slope(double x) {
            double e = Math.exp(-Math.abs(x));
            double d = 1 + e;
            return e / (d * d);
        }
    },
    /** \( \tanh x \). */
    TANH("Tanh") {
        @Override
        double value(double x) {
            return Math.tanh(x);
        }

        @Override
        double slope(double x) {
            double c = Math.cosh(x);
            return 1 / (c * c);
        }
    },
    /** \( \operatorname{erf} x \). */
    ERF("Erf") {
        @Override
        double value(double x) {
            return Erf.value(x);
        }

        @Override
        double slope(double x) {
            return TWO_OVER_SQRT_PI * Math.exp(-x * x);
        }
    },
    /** \( e^x \). */
    EXP("Exp") {
        @Override
        double value(double x) {
            return Math.exp(x);
        }

        @Override
        double slope(double x) {
            return Math.exp(x);
        }

        @Override
        boolean convex(double lo, double hi) {
            return true;
        }

        @Override
        boolean concave(double lo, double hi) {
            return false;
        }

        @Override
        double minSlope(double lo, double hi) {
            return Math.exp(lo);
        }

        @Override
        double maxSlope(double lo, double hi) {
            return Math.exp(hi);
        }
    },
    /** \( x \Phi(x) = \frac{x}{2} \operatorname{erfc}(-x / \sqrt 2) \) (accurate for negative x too). */
    GELU("Gelu") {
        @Override
        double value(double x) {
            return 0.5 * x * Erfc.value(-x * INV_SQRT2);
        }

        @Override
        double slope(double x) {
            return 0.5 * Erfc.value(-x * INV_SQRT2) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
        }

        @Override
        boolean convex(double lo, double hi) {
            return lo >= -SQRT2 && hi <= SQRT2;
        }

        @Override
        boolean concave(double lo, double hi) {
            return hi <= -SQRT2 || lo >= SQRT2;
        }

        @Override
        double minSlope(double lo, double hi) {
            double m = Math.min(slope(lo), slope(hi));
            return lo <= -SQRT2 && -SQRT2 <= hi ? Math.min(m, slope(-SQRT2)) : m;
        }

        @Override
        double maxSlope(double lo, double hi) {
            double m = Math.max(slope(lo), slope(hi));
            return lo <= SQRT2 && SQRT2 <= hi ? Math.max(m, slope(SQRT2)) : m;
        }
    };

    static final double SQRT2 = Math.sqrt(2);
    static final double INV_SQRT2 = 1 / Math.sqrt(2);
    static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private final String type;

    SmoothFunction(String type) {
        this.type = type;
    }

    /** @return the IR op's type name, for messages */
    String type() {
        return type;
    }

    /** @return f(x) */
    abstract double value(double x);

    /** @return f'(x), {@code >= 0} but for GELU */
    abstract double slope(double x);

    /** @return whether f is convex on [lo, hi] (by default: sigmoid-shaped, convex left of 0) */
    boolean convex(double lo, double hi) {
        return hi <= 0;
    }

    /** @return whether f is concave on [lo, hi] (by default: sigmoid-shaped, concave right of 0) */
    boolean concave(double lo, double hi) {
        return lo >= 0;
    }

    /** @return the smallest f' on [lo, hi] (by default: unimodal derivative, largest at 0) */
    double minSlope(double lo, double hi) {
        return Math.min(slope(lo), slope(hi));
    }

    /** @return the largest f' on [lo, hi] (by default: unimodal derivative, largest at 0) */
    double maxSlope(double lo, double hi) {
        return lo <= 0 && 0 <= hi ? slope(0) : Math.max(slope(lo), slope(hi));
    }

    /** @return whether f is bounded (sigmoid, tanh, erf), so that an unbounded input still has bounded output */
    boolean bounded() {
        return this == SIGMOID || this == TANH || this == ERF;
    }
}
