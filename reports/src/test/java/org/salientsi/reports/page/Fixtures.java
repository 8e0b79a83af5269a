package org.salientsi.reports.page;

import java.util.Random;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.ConfidenceInterval;
import org.salientsi.api.result.ProbabilityBounds;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;
import org.salientsi.api.saliency.SaliencyMap;

/**
 * Report entries for the page tests, seeded: a 64 px test whose piece of Z around T is 0.007 wide in a range 1.4
 * wide (the numbers of the ladder's VGG on its first signal pair), a 16 px test that stopped early, and a test whose
 * selector selected no pixel. Every {@link SelectiveResult} of the tests is built here, in one place.
 */
final class Fixtures {

    private Fixtures() {
    }

    /** A 64 px signal image: noise with a bright square, its reference, a signed map peaked on the square. */
    static ReportEntry narrow64() {
        int n = 64;
        Image x = noisy("signal-0.npy", n, 1, 2.0, 20, 30);
        Image r = noisy("signal-0-r.npy", n, 2, 0, 0, 0);
        SaliencyMap map = blob(n, 25, 35, 8, 0.3);
        SelectiveResult res = result("signal-0.npy", regionOf(map), 0.1521, 0.7585, 5.335e-17, 0.3249, 0.03878,
                IntervalSet.of(Interval.of(-0.7127, -0.52), Interval.of(0.3190, 0.3260)), Interval.of(0.3236, 0.3254),
                Interval.of(-0.7127, 0.7127), new ProbabilityBounds(0.1521, 0.1521), StopReason.EXHAUSTIVE, "cam");
        return ReportEntry.tested(x, map, res).withReferences(java.util.List.of(r));
    }

    /** A 16 px test stopped early by decision:0.05 with bounds [0.011, 0.042]: significant at 0.05. */
    static ReportEntry early16() {
        int n = 16;
        Image x = noisy("early.npy", n, 3, 3.0, 4, 10);
        Image r = noisy("early-r.npy", n, 4, 0, 0, 0);
        SaliencyMap map = blob(n, 7, 7, 3, 0.2);
        SelectiveResult res = result("early.npy", regionOf(map), 0.0265, 0.82, 7.9e-5, 0.357, 0.0905,
                IntervalSet.of(Interval.of(0.2864, 0.9056)), Interval.of(0.33, 0.40), Interval.of(-1.262, 1.262),
                new ProbabilityBounds(0.011, 0.042), StopReason.DECISION, "gradcam");
        return ReportEntry.tested(x, map, res).withReferences(java.util.List.of(r));
    }

    /** A 16 px test whose selector selected no pixel: a map below 0 everywhere, a result without a region. */
    static ReportEntry noRegion() {
        int n = 16;
        Image x = noisy("null-0.npy", n, 5, 0, 0, 0);
        SaliencyMap map = blob(n, 8, 8, 4, 2.0);
        Region empty = Region.of(n, n, new boolean[n * n]);
        SelectiveResult res = result("null-0.npy", empty, 1, 1, 1, 0, 1, IntervalSet.empty(), null,
                Interval.of(-10, 10), new ProbabilityBounds(1, 1), StopReason.EXHAUSTIVE, "cam");
        return ReportEntry.tested(x, map, res);
    }

    static SelectiveResult result(String name, Region region, double p, double oc, double naive, double t,
                                  double sd, IntervalSet set, Interval ocPiece, Interval range,
                                  ProbabilityBounds bounds, StopReason stop, String method) {
        Provenance prov = Provenance.empty().withModel("ab".repeat(32), "onnx 1.28.0")
                .withPlugins(method, "threshold:0", "ref-mean").withSigma(1.0);
        return new SelectiveResult(name, p, oc, naive, Alternative.TWO_SIDED, t, sd, region.size(), 1, region, set,
                ocPiece, range, 1e-40, 214, bounds, stop,
                stop == StopReason.EXHAUSTIVE ? new ConfidenceInterval(-0.39, 5.3) : ConfidenceInterval.UNBOUNDED,
                0.95, 1.5, prov);
    }

    /** Gaussian noise of sd 1, plus {@code delta} on a 10 x 10 square at (top, left). */
    static Image noisy(String name, int n, long seed, double delta, int top, int left) {
        Random rnd = new Random(seed);
        double[] v = new double[n * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
            int h = i / n;
            int w = i % n;
            int side = Math.min(10, n / 3);
            if (delta != 0 && h >= top && h < top + side && w >= left && w < left + side) {
                v[i] += delta;
            }
        }
        return Image.of(name, ImageShape.of(n, n, 1), v);
    }

    /** A Gaussian bump of height 1 and width {@code s} at (h0, w0), minus {@code offset}: signed. */
    static SaliencyMap blob(int n, int h0, int w0, double s, double offset) {
        double[] v = new double[n * n];
        for (int h = 0; h < n; h++) {
            for (int w = 0; w < n; w++) {
                double d2 = (h - h0) * (h - h0) + (w - w0) * (w - w0);
                v[h * n + w] = Math.exp(-d2 / (2 * s * s)) - offset;
            }
        }
        return new SaliencyMap(n, n, v, 1, true);
    }

    /** The pixels where the map is at least 0 (the selector threshold:0). */
    static Region regionOf(SaliencyMap map) {
        boolean[] m = new boolean[map.values().length];
        for (int i = 0; i < m.length; i++) {
            m[i] = map.values()[i] >= 0;
        }
        return Region.of(map.height(), map.width(), m);
    }
}
