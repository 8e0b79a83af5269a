package org.salientsi.examples.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.result.Outcome;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.core.search.Termination;
import org.salientsi.facade.SalientSI;
import org.salientsi.facade.SalientTester;

/**
 * SalientSI embedded through its facade ({@code salientsi-facade}): one {@link SalientTester} loads the
 * model once and is shared by the threads of a pool, as a service would share it across its request
 * threads; each thread tests its own images. The backend (here DL4J, for the paper's Keras models) is
 * found on the class path.
 *
 * <pre>
 * java -cp ... org.salientsi.examples.embed.FacadeExample examples/models/paper/model_16.h5 8 4
 * </pre>
 */
public final class FacadeExample {

    private FacadeExample() {
    }

    /**
     * Tests {@code count} images (half with a brighter block of half the side, half pure noise), each
     * against its own reference, on {@code threads} threads sharing one tester.
     *
     * @param model the model file
     * @param count images
     * @param threads threads
     * @param seed data seed
     * @return one line per image, in order
     * @throws Exception if the model cannot be loaded or a test fails
     */
    public static List<String> run(Path model, int count, int threads, long seed) throws Exception {
        try (SalientTester tester = SalientSI.builder().model(model).method("cam").selector("threshold:0")
                .statistic("ref-mean").sigma(1).build()) {
            // the same model, stopping as soon as "p <= 0.05 or not" is known: a copy that shares the model
            SalientTester quick = tester.withTermination(Termination.decision(0.05));
            ImageShape shape = tester.imageShape();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<String>> lines = new ArrayList<>();
                for (int k = 0; k < count; k++) {
                    SplittableRandom rng = new SplittableRandom(seed + k);
                    double delta = k % 2 == 0 ? 2 : 0;
                    Image x = Image.of((delta > 0 ? "signal-" : "null-") + k, shape, pixels(rng, shape, delta));
                    Image r = Image.of("reference-" + k, shape, pixels(rng, shape, 0));
                    lines.add(pool.submit(() -> line(tester, quick, x, r)));
                }
                List<String> out = new ArrayList<>();
                for (Future<String> f : lines) {
                    out.add(f.get());
                }
                return out;
            } finally {
                pool.shutdown();
            }
        }
    }

    private static String line(SalientTester tester, SalientTester quick, Image x, Image r) {
        SelectiveResult exact = tester.test(x, r);
        if (exact.outcome() != Outcome.TESTED) {
            return String.format(Locale.ROOT, "%-10s %s: nothing to test", x.name(), exact.outcome().label());
        }
        SelectiveResult early = quick.test(x, r);
        return String.format(Locale.ROOT, "%-10s region %3d px  selective p %.4f  naive p %.2e  "
                        + "decision at 5%%: %s after %d of %d pieces", x.name(), exact.regionSize(),
                exact.selectiveP(), exact.naiveP(), early.reject(0.05) ? "reject" : "keep", early.pieces(),
                exact.pieces());
    }

    /** Standard normal pixels, plus {@code delta} on the top-left block of half the side. */
    private static double[] pixels(SplittableRandom rng, ImageShape shape, double delta) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            int p = i / shape.channels();
            boolean block = p / shape.width() < shape.height() / 2 && p % shape.width() < shape.width() / 2;
            v[i] = rng.nextGaussian() + (block ? delta : 0);
        }
        return v;
    }

    /**
     * @param args the model file (default the paper's 16x16 model), the number of images (8) and of
     *     threads (4)
     * @throws Exception if the model cannot be loaded or a test fails
     */
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args.length > 0 ? args[0] : "examples/models/paper/model_16.h5");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        run(model, count, threads, 1).forEach(System.out::println);
    }
}
