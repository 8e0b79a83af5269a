package org.salientsi.core.eval;

/**
 * The linear relaxations of the smooth ops over a segment {@code [from, to]} of the line, for
 * {@link SegmentEvaluator}: every quantity is bounded by a lower line \( l(z) = l_p + l_q z \) and an upper
 * line \( u(z) = u_p + u_q z \) in the one variable z, so that a relaxation that is linear in its inputs is
 * again such a pair of lines, and relaxations compose.
 *
 * <p>Each relaxation leaves its result in {@link #lp}, {@link #lq}, {@link #up}, {@link #uq} and the sums of
 * the magnitudes of the terms that made it in {@link #mag} (shared), {@link #magL} and {@link #magU} (each
 * line's own), from which {@link #emit} derives each line's outward margin: {@value #RELATIVE_MARGIN} times
 * that magnitude plus {@value #ABSOLUTE_MARGIN} (covering the
 * rounding of the relaxation and of the functions' evaluations, a few ulps each, by several orders of
 * magnitude). A bound that is not finite (exponential overflow, an input that is not bounded, a divisor whose
 * range holds 0) becomes the whole real line: centre 0, radius \( +\infty \), never NaN.
 *
 * <p>Mutable scratch of one evaluator; nothing is allocated per call.
 */
final class SegmentRelaxation {

    /** Outward margin relative to the magnitude of the terms of a bound. */
    static final double RELATIVE_MARGIN = 1e-12;
    /** Absolute outward margin of every smooth bound. */
    static final double ABSOLUTE_MARGIN = 1e-300;
    /** Below this relative width an interval is relaxed by derivative bounds rather than by a chord. */
    private static final double CHORD_WIDTH = 1e-8;

    private final double[][] mp;
    private final double[][] mq;
    private final double[][] rp;
    private final double[][] rq;
    private double from;
    private double to;
    private double mid;
    private double zabs;
    /** Whether a bound of this pass was not finite (downstream nodes then need {@link #sanitize}). */
    boolean unbounded;

    /** Lower line: intercept. */
    double lp;
    /** Lower line: slope. */
    double lq;
    /** Upper line: intercept. */
    double up;
    /** Upper line: slope. */
    double uq;
    /** Sum of the magnitudes of the terms of the current bound that both lines share. */
    double mag;
    /** Sum of the magnitudes of the terms of the current lower line alone. */
    double magL;
    /** Sum of the magnitudes of the terms of the current upper line alone. */
    double magU;

    SegmentRelaxation(double[][] mp, double[][] mq, double[][] rp, double[][] rq) {
        this.mp = mp;
        this.mq = mq;
        this.rp = rp;
        this.rq = rq;
    }

    void segment(double lo, double hi) {
        this.from = lo;
        this.to = hi;
        this.mid = 0.5 * (lo + hi);
        this.zabs = Math.max(Math.abs(lo), Math.abs(hi));
        this.unbounded = false;
    }

    /** @return the segment's left end */
    double from() {
        return from;
    }

    /** @return the segment's right end */
    double to() {
        return to;
    }

    /** @return the smallest value of the line on the segment */
    double min(double p, double q) {
        return Math.min(p + q * from, p + q * to);
    }

    /** @return the largest value of the line on the segment */
    double max(double p, double q) {
        return Math.max(p + q * from, p + q * to);
    }

    /** @return the line at the segment's midpoint */
    double atMid(double p, double q) {
        return p + q * mid;
    }

    /** @return the magnitude of a line's terms on the segment */
    double size(double p, double q) {
        return Math.abs(p) + Math.abs(q) * zabs;
    }

    /**
     * @param magnitude the sum of the magnitudes of the terms of an intermediate line
     * @return the outward shift of that line's intercept that covers its rounding (as {@link #emit} does)
     */
    static double margin(double magnitude) {
        return RELATIVE_MARGIN * magnitude + ABSOLUTE_MARGIN;
    }

    /** Node {@code id}, unit {@code i}: lower line intercept. */
    double lowerP(int id, int i) {
        return mp[id][i] - rp[id][i];
    }

    double lowerQ(int id, int i) {
        return mq[id][i] - rq[id][i];
    }

    double upperP(int id, int i) {
        return mp[id][i] + rp[id][i];
    }

    double upperQ(int id, int i) {
        return mq[id][i] + rq[id][i];
    }

    /** @return the smallest value of node {@code id}'s unit {@code i} on the segment */
    double low(int id, int i) {
        return min(lowerP(id, i), lowerQ(id, i));
    }

    /** @return the largest value of node {@code id}'s unit {@code i} on the segment */
    double high(int id, int i) {
        return max(upperP(id, i), upperQ(id, i));
    }

    /** Sets the lower line to a lower bound of {@code k x + c} for x between the lines xl and xu. */
    void lowerOf(double k, double c, double xlp, double xlq, double xup, double xuq) {
        if (k >= 0) {
            lp = c + k * xlp;
            lq = k * xlq;
            magL += Math.abs(c) + k * size(xlp, xlq);
        } else {
            lp = c + k * xup;
            lq = k * xuq;
            magL += Math.abs(c) - k * size(xup, xuq);
        }
    }

    /** Sets the upper line to an upper bound of {@code k x + c} for x between the lines xl and xu. */
    void upperOf(double k, double c, double xlp, double xlq, double xup, double xuq) {
        if (k >= 0) {
            up = c + k * xup;
            uq = k * xuq;
            magU += Math.abs(c) + k * size(xup, xuq);
        } else {
            up = c + k * xlp;
            uq = k * xlq;
            magU += Math.abs(c) - k * size(xlp, xlq);
        }
    }

    /** Sets both lines to constants. */
    void constant(double lower, double upper) {
        lp = lower;
        lq = 0;
        up = upper;
        uq = 0;
        reset();
        mag = Math.abs(lower) + Math.abs(upper);
    }

    private void reset() {
        mag = 0;
        magL = 0;
        magU = 0;
    }

    /** Moves the magnitudes of the lines' own terms into the shared {@link #mag}. */
    void fold() {
        mag += magL + magU;
        magL = 0;
        magU = 0;
    }

    /** Sets the bound to the whole real line. */
    void infinite() {
        constant(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * Bounds f(x) for x between the lines xl and xu: on the range [L, U] of x over the segment, the tangent at
     * the midpoint and the chord where f is convex or concave there, else the derivative bounds
     * \( f'(x) \in [d_-, d_+] \): \( f(L) + d_-(x - L) \le f(x) \le f(L) + d_+(x - L) \) and likewise from U
     * (whichever pair is tighter at the midpoint of [L, U]).
     */
    void unary(SmoothFunction f, double xlp, double xlq, double xup, double xuq) {
        double lo = min(xlp, xlq);
        double hi = max(xup, xuq);
        reset();
        if (!(lo > Double.NEGATIVE_INFINITY && hi < Double.POSITIVE_INFINITY)) {
            if (f.bounded() && !Double.isNaN(lo) && !Double.isNaN(hi)) {
                constant(f.value(Math.min(lo, hi)), f.value(Math.max(lo, hi)));
            } else {
                infinite();
            }
            return;
        }
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        relax(f, xlp, xlq, xup, xuq, lo, hi, f.value(lo), f.value(hi), Double.NaN);
    }

    /**
     * {@link #unary} on a known finite range {@code lo <= hi} of x with {@code fl = f(lo)}, {@code fh = f(hi)}
     * and {@code ft} f at the midpoint, or NaN to compute it here.
     */
    void relax(SmoothFunction f, double xlp, double xlq, double xup, double xuq, double lo, double hi, double fl,
               double fh, double ft) {
        reset();
        boolean wide = hi - lo > CHORD_WIDTH * (1 + Math.abs(lo) + Math.abs(hi));
        boolean convex = wide && f.convex(lo, hi);
        boolean concave = wide && !convex && f.concave(lo, hi);
        if (convex || concave) {
            double t = 0.5 * (lo + hi);
            if (Double.isNaN(ft)) {
                ft = f.value(t);
            }
            double k = f == SmoothFunction.EXP ? ft : f.slope(t);
            double s = (fh - fl) / (hi - lo);
            double tangent = Math.abs(ft) + Math.abs(k * t);
            double chord = Math.abs(fl) + Math.abs(fh) + Math.abs(s * lo);
            if (convex) {
                magL = tangent;
                magU = chord;
                lowerOf(k, ft - k * t, xlp, xlq, xup, xuq);
                upperOf(s, fl - s * lo, xlp, xlq, xup, xuq);
            } else {
                magL = chord;
                magU = tangent;
                lowerOf(s, fl - s * lo, xlp, xlq, xup, xuq);
                upperOf(k, ft - k * t, xlp, xlq, xup, xuq);
            }
            return;
        }
        double dmin = f == SmoothFunction.EXP ? fl : f.minSlope(lo, hi);
        double dmax = f == SmoothFunction.EXP ? fh : f.maxSlope(lo, hi);
        double h = 0.5 * (hi - lo);
        mag = Math.abs(fl) + Math.abs(fh) + (Math.abs(dmin) + Math.abs(dmax)) * (Math.abs(lo) + Math.abs(hi));
        if (fl + dmin * h >= fh - dmax * h) {
            lowerOf(dmin, fl - dmin * lo, xlp, xlq, xup, xuq);
        } else {
            lowerOf(dmax, fh - dmax * hi, xlp, xlq, xup, xuq);
        }
        if (fl + dmax * h <= fh - dmin * h) {
            upperOf(dmax, fl - dmax * lo, xlp, xlq, xup, xuq);
        } else {
            upperOf(dmin, fh - dmin * hi, xlp, xlq, xup, xuq);
        }
    }

    /**
     * Bounds \( x^2 \) for x between the lines xl and xu with range [lo, hi]: the tangent at the midpoint
     * below, the chord above (x squared is convex).
     */
    void square(double xlp, double xlq, double xup, double xuq, double lo, double hi) {
        double t = 0.5 * (lo + hi);
        reset();
        mag = t * t + Math.abs(lo * hi);
        lowerOf(2 * t, -t * t, xlp, xlq, xup, xuq);
        upperOf(lo + hi, -lo * hi, xlp, xlq, xup, xuq);
    }

    /**
     * Bounds 1/x for x between the lines xl and xu with range [lo, hi] that excludes 0: decreasing, convex
     * for positive x (tangent at the midpoint below, chord above), concave for negative x.
     */
    void reciprocal(double xlp, double xlq, double xup, double xuq, double lo, double hi) {
        if (!(lo > 0 || hi < 0) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            infinite();
            return;
        }
        double t = 0.5 * (lo + hi);
        double s = -1 / (lo * hi);
        double d = 1 / lo + 1 / hi;
        reset();
        mag = Math.abs(d);
        // the tangent at t, 2/t - x/t^2, as (2 - x/t)/t: 1/t^2 alone underflows for |t| > 1e154
        if (lo > 0) {
            lp = (2 - xup / t) / t;
            lq = -(xuq / t) / t;
            magL = (2 + size(xup, xuq) / t) / t;
            upperOf(s, d, xlp, xlq, xup, xuq);
        } else {
            lowerOf(s, d, xlp, xlq, xup, xuq);
            up = (2 - xlp / t) / t;
            uq = -(xlq / t) / t;
            magU = -(2 + size(xlp, xlq) / -t) / t;
        }
    }

    /**
     * Bounds \( (v + \epsilon)^{-1/2} \) for v between the lines vl and vu with range [lo, hi], lo >= 0:
     * decreasing and convex, so the tangent at the midpoint below and the chord (or, on a very short range,
     * the slope at hi from lo) above.
     */
    void inverseSqrt(double vlp, double vlq, double vup, double vuq, double lo, double hi, double eps) {
        double gl = 1 / Math.sqrt(lo + eps);
        double gh = 1 / Math.sqrt(hi + eps);
        double t = 0.5 * (lo + hi);
        double gt = 1 / Math.sqrt(t + eps);
        reset();
        mag = gl + gh;
        // the tangent at t, g(t) (1 + (t - v) / (2 (t + eps))), without forming g'(t), which underflows for huge t
        double h = 0.5 / (t + eps);
        lp = gt * (1 + (t - vup) * h);
        lq = -gt * (vuq * h);
        magL = gt * (1 + (Math.abs(t) + size(vup, vuq)) * h);
        double s = hi - lo > CHORD_WIDTH * (1 + hi) ? (gh - gl) / (hi - lo) : -0.5 * gh / (hi + eps);
        mag += Math.abs(s * lo);
        upperOf(s, gl - s * lo, vlp, vlq, vup, vuq);
    }

    /**
     * McCormick's envelopes of \( x y \) for x between the lines xl and xu with range [lx, ux] and y between yl
     * and yu with range [ly, uy]: below \( l_y x + l_x y - l_x l_y \) and \( u_y x + u_x y - u_x u_y \), above
     * \( u_y x + l_x y - l_x u_y \) and \( l_y x + u_x y - u_x l_y \), each plane made a line of z through the
     * sign of its coefficients, the tighter of each pair at the segment's midpoint kept.
     */
    void product(double xlp, double xlq, double xup, double xuq, double lx, double ux,
                 double ylp, double ylq, double yup, double yuq, double ly, double uy) {
        reset();
        if (!(Double.isFinite(lx) && Double.isFinite(ux) && Double.isFinite(ly) && Double.isFinite(uy))) {
            infinite();
            return;
        }
        // lower planes
        double ap = plane(ly, lx, -lx * ly, true, xlp, xup, ylp, yup);
        double aq = plane(ly, lx, 0, true, xlq, xuq, ylq, yuq);
        double bp = plane(uy, ux, -ux * uy, true, xlp, xup, ylp, yup);
        double bq = plane(uy, ux, 0, true, xlq, xuq, ylq, yuq);
        if (atMid(ap, aq) >= atMid(bp, bq)) {
            lp = ap;
            lq = aq;
        } else {
            lp = bp;
            lq = bq;
        }
        double cp = plane(uy, lx, -lx * uy, false, xlp, xup, ylp, yup);
        double cq = plane(uy, lx, 0, false, xlq, xuq, ylq, yuq);
        double dp = plane(ly, ux, -ux * ly, false, xlp, xup, ylp, yup);
        double dq = plane(ly, ux, 0, false, xlq, xuq, ylq, yuq);
        if (atMid(cp, cq) <= atMid(dp, dq)) {
            up = cp;
            uq = cq;
        } else {
            up = dp;
            uq = dq;
        }
        double mx = Math.max(size(xlp, xlq), size(xup, xuq));
        double my = Math.max(size(ylp, ylq), size(yup, yuq));
        double bx = Math.max(Math.abs(lx), Math.abs(ux));
        double by = Math.max(Math.abs(ly), Math.abs(uy));
        mag = 2 * (by * mx + bx * my + bx * by);
    }

    /**
     * One coefficient (intercept or slope) of the line of z that bounds {@code a x + b y + c} from below
     * ({@code lower}) or above: x and y replaced by the line on the side the sign of a and b asks for.
     */
    private static double plane(double a, double b, double c, boolean lower, double xl, double xu, double yl,
                                double yu) {
        double x = (a >= 0) == lower ? xl : xu;
        double y = (b >= 0) == lower ? yl : yu;
        return c + a * x + b * y;
    }

    /** Replaces the lower line by the constant {@code floor} where that is tighter at the segment's midpoint. */
    void floor(double floor) {
        if (!(atMid(lp, lq) >= floor)) {
            lp = floor;
            lq = 0;
        }
    }

    /** Replaces the upper line by the constant {@code ceiling} where that is tighter at the segment's midpoint. */
    void ceiling(double ceiling) {
        if (!(atMid(up, uq) <= ceiling)) {
            up = ceiling;
            uq = 0;
        }
    }

    /**
     * Writes the current bound, widened by the margin, as node {@code id}'s unit {@code i} (centre and
     * radius); a bound that is not finite becomes the whole line.
     */
    void emit(int id, int i) {
        double ml = RELATIVE_MARGIN * (mag + magL + size(lp, lq)) + ABSOLUTE_MARGIN;
        double mu = RELATIVE_MARGIN * (mag + magU + size(up, uq)) + ABSOLUTE_MARGIN;
        double l0 = lp - ml;
        double u0 = up + mu;
        double cp = 0.5 * (u0 + l0);
        double cq = 0.5 * (uq + lq);
        double wp = 0.5 * (u0 - l0);
        double wq = 0.5 * (uq - lq);
        if (Double.isFinite(cp) && Double.isFinite(cq) && Double.isFinite(wp) && Double.isFinite(wq)
                && Double.isFinite(ml) && Double.isFinite(mu)) {
            mp[id][i] = cp;
            mq[id][i] = cq;
            rp[id][i] = wp;
            rq[id][i] = wq;
        } else {
            whole(id, i);
        }
    }

    private void whole(int id, int i) {
        mp[id][i] = 0;
        mq[id][i] = 0;
        rp[id][i] = Double.POSITIVE_INFINITY;
        rq[id][i] = 0;
        unbounded = true;
    }

    /** Makes every unit of node {@code id} whose centre or radius is not finite the whole line. */
    void sanitize(int id) {
        double[] a = mp[id];
        double[] b = mq[id];
        double[] c = rp[id];
        double[] d = rq[id];
        for (int i = 0; i < a.length; i++) {
            if (!(Double.isFinite(a[i]) && Double.isFinite(b[i]) && Double.isFinite(d[i]) && c[i] > Double.NEGATIVE_INFINITY)) {
                whole(id, i);
            }
        }
    }
}
