package org.salientsi.examples.sanity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.sanity.SanityImage;
import org.salientsi.sanity.StudyProgress;
import org.salientsi.sanity.map.ControlMethods;
import org.salientsi.sanity.metrics.MetricsResult;
import org.salientsi.sanity.metrics.MetricsStudy;
import org.salientsi.sanity.perturb.PerturbationConfig;
import org.salientsi.sanity.perturb.Replacement;
import org.salientsi.sanity.reliability.KrippendorffAlpha;
import org.salientsi.sanity.reliability.ReliabilityOptions;
import org.salientsi.sanity.reliability.ReliabilitySummary;
import org.salientsi.sanity.report.MetricsReport;

/**
 * Tomsett et al.'s reliability study on the committed Fashion-MNIST CNN: the first N test images, every
 * installed saliency method that applies to the model plus the two controls, single-pixel perturbation
 * with L = 100 under data-set-mean and uniform-random replacement (the two variants of the paper), the
 * logit of the predicted class, every metric. Prints alpha with its interval per metric and variant and
 * the inter-method rho, and writes the report. Arguments: {@code --model FILE}
 * ({@code examples/models/sanity/fashion-mnist-cnn.zip}), {@code --images N} (200), {@code --out DIR}
 * ({@code target/sanity-fashion-mnist}), {@code --threads K} (2), {@code --bootstrap B} (1000),
 * {@code --seed S} (1), {@code --data DIR}.
 */
public final class FashionMnistReliability {

    private FashionMnistReliability() {
    }

    /**
     * @param args see the class documentation
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        Path model = Path.of(a.get("model", "examples/models/sanity/fashion-mnist-cnn.zip"));
        int count = a.getInt("images", 200);
        Path out = Path.of(a.get("out", "target/sanity-fashion-mnist"));
        long seed = a.getLong("seed", 1L);
        Path data = Path.of(a.get("data", Idx.FASHION_MNIST.toString()));
        float[][] x = Idx.images(data.resolve("t10k-images-idx3-ubyte.gz"), count);
        int[] y = Idx.labels(data.resolve("t10k-labels-idx1-ubyte.gz"), count);
        // the data-set mean of dataset-mean replacement: the training images' mean pixel
        float[][] train = Idx.images(data.resolve("train-images-idx3-ubyte.gz"), 0);
        double mean = 0;
        for (float[] im : train) {
            for (float v : im) {
                mean += v;
            }
        }
        mean /= (double) train.length * train[0].length;
        List<SanityImage> images = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double[] v = new double[x[i].length];
            for (int k = 0; k < v.length; k++) {
                v[k] = x[i][k];
            }
            images.add(new SanityImage(String.format(Locale.ROOT, "t10k-%04d", i), v, y[i], null));
        }
        try (LoadedModel loaded = ModelIo.open(model, 28)) {
            Network net = loaded.network();
            List<SaliencyMethod> methods = methods(net, seed);
            Set<String> controls = Set.copyOf(ControlMethods.NAMES);
            PerturbationConfig base = PerturbationConfig.defaults().withSteps(100).withSeed(seed);
            MetricsStudy study = MetricsStudy.of(CompiledNetwork.compile(net), methods, controls)
                    .withVariants(List.of(base, base.withReplacement(Replacement.parse("uniform:0:1"))))
                    .withReliability(new ReliabilityOptions(a.getInt("bootstrap", 1000), 0.95, seed, controls))
                    .withThreads(a.getInt("threads", 2));
            long[] last = {0};
            MetricsResult r = study.run(images, new double[] {mean}, Provenance.empty()
                    .withModel(loaded.sha256(), loaded.backend()).withSeed(seed), progress(last));
            MetricsReport.write(r, out, "Saliency-metric reliability on Fashion-MNIST (" + count + " test images)");
            System.out.printf(Locale.ROOT, "%d images, methods %s, data-set mean %.4f: %.1f s, %d forward passes%n",
                    count, r.methods(), mean, r.seconds(), r.forwardPasses());
            for (MetricsResult.Variant v : r.variants()) {
                System.out.println("variant: " + v.label());
                System.out.printf(Locale.ROOT, "| %-14s | %-22s | %-22s | %-22s | %-8s | %-8s |%n", "metric",
                        "alpha ordinal [95% CI]", "alpha interval [95% CI]", "alpha ord., no controls", "IMR rho",
                        "IMR, no ctl");
                for (ReliabilitySummary.MetricReliability m : v.reliability().metrics()) {
                    System.out.printf(Locale.ROOT, "| %-14s | %-22s | %-22s | %-22s | %8.3f | %8s |%n", m.metric(),
                            est(m.ordinal()), est(m.interval()), m.ordinalWithoutControls() == null ? "-"
                                    : est(m.ordinalWithoutControls()), m.interMethod().mean(),
                            m.interMethodWithoutControls() == null ? "-" : String.format(Locale.ROOT, "%.3f",
                                    m.interMethodWithoutControls().mean()));
                }
            }
            System.out.println("report: " + out.resolve("index.html"));
        }
    }

    /**
     * Every installed method that applies to the network (a method that refuses the model is skipped),
     * then the controls.
     */
    static List<SaliencyMethod> methods(Network net, long seed) {
        PluginRegistry<SaliencyMethodProvider> registry = PluginRegistry.load(SaliencyMethodProvider.class,
                "saliency method");
        List<SaliencyMethod> out = new ArrayList<>();
        for (SaliencyMethodProvider p : registry.all()) {
            try {
                out.add(p.create(net, Parameters.empty()));
            } catch (InvalidInputException e) {
                System.out.println("skipping method " + p.name() + ": " + e.getMessage());
            }
        }
        for (String c : ControlMethods.NAMES) {
            out.add(ControlMethods.get(c, net, seed));
        }
        return out;
    }

    private static StudyProgress progress(long[] last) {
        return (done, total, what) -> {
            synchronized (last) {
                long now = System.nanoTime();
                if (done == total || now - last[0] > 30_000_000_000L) {
                    last[0] = now;
                    System.out.printf(Locale.ROOT, "  %d / %d %s%n", done, total, what);
                }
            }
        };
    }

    private static String est(KrippendorffAlpha.Estimate e) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", e.alpha(), e.lower(), e.upper());
    }
}
