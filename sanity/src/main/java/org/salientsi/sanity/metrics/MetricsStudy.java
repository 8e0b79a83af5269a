package org.salientsi.sanity.metrics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.sanity.SanityImage;
import org.salientsi.sanity.StudyProgress;
import org.salientsi.sanity.perturb.Metric;
import org.salientsi.sanity.perturb.PerturbationConfig;
import org.salientsi.sanity.perturb.PerturbationMetrics;
import org.salientsi.sanity.perturb.PerturbationScores;
import org.salientsi.sanity.reliability.ReliabilityAnalysis;
import org.salientsi.sanity.reliability.ReliabilityOptions;
import org.salientsi.sanity.reliability.ScoreMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomsett et al.'s study on one model: each image's saliency maps (computed once, shared by every
 * variant), the perturbation scores of every (image, method) under every variant, one
 * {@link ScoreMatrix} per (metric, variant), and the reliability statistics of each variant.
 * Immutable; configure with the {@code withX} copies. Images are scored in parallel on
 * {@code threads} threads, each with its own evaluator.
 */
public final class MetricsStudy {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsStudy.class);

    private final CompiledNetwork program;
    private final List<SaliencyMethod> methods;
    private final List<PerturbationConfig> variants;
    private final Set<Metric> metrics;
    private final ReliabilityOptions reliability;
    private final int threads;
    private final boolean keepCurves;

    private MetricsStudy(CompiledNetwork program, List<SaliencyMethod> methods, List<PerturbationConfig> variants,
                         Set<Metric> metrics, ReliabilityOptions reliability, int threads, boolean keepCurves) {
        this.program = program;
        this.methods = List.copyOf(methods);
        this.variants = List.copyOf(variants);
        this.metrics = metrics.isEmpty() ? EnumSet.noneOf(Metric.class) : EnumSet.copyOf(metrics);
        this.reliability = reliability;
        this.threads = threads;
        this.keepCurves = keepCurves;
    }

    /**
     * Every metric under the default variant, 1,000 bootstrap replicates, one thread.
     *
     * @param program the compiled network
     * @param methods the saliency methods (at least two, with distinct names)
     * @param controls names among them of the control methods
     * @return the study
     */
    public static MetricsStudy of(CompiledNetwork program, List<SaliencyMethod> methods, Set<String> controls) {
        if (methods.size() < 2) {
            throw new InvalidInputException("a reliability study needs at least two saliency methods, got "
                    + methods.size());
        }
        Set<String> names = new java.util.HashSet<>();
        for (SaliencyMethod m : methods) {
            if (!names.add(m.name())) {
                throw new InvalidInputException("saliency method '" + m.name() + "' is listed twice");
            }
        }
        return new MetricsStudy(program, methods, List.of(PerturbationConfig.defaults()), EnumSet.allOf(Metric.class),
                ReliabilityOptions.defaults(controls), 1, false);
    }

    /** @param value the variants @return a copy */
    public MetricsStudy withVariants(List<PerturbationConfig> value) {
        if (value.isEmpty()) {
            throw new InvalidInputException("a study needs at least one perturbation variant");
        }
        return new MetricsStudy(program, methods, value, metrics, reliability, threads, keepCurves);
    }

    /** @param value the metrics @return a copy */
    public MetricsStudy withMetrics(Set<Metric> value) {
        if (value.isEmpty()) {
            throw new InvalidInputException("a study needs at least one metric");
        }
        return new MetricsStudy(program, methods, variants, value, reliability, threads, keepCurves);
    }

    /** @param value reliability options @return a copy */
    public MetricsStudy withReliability(ReliabilityOptions value) {
        return new MetricsStudy(program, methods, variants, metrics, value, threads, keepCurves);
    }

    /** @param value worker threads (at least 1) @return a copy */
    public MetricsStudy withThreads(int value) {
        if (value < 1) {
            throw new InvalidInputException("threads must be at least 1, got " + value);
        }
        return new MetricsStudy(program, methods, variants, metrics, reliability, value, keepCurves);
    }

    /** @param value whether to keep every image's curves in the result @return a copy */
    public MetricsStudy withCurves(boolean value) {
        return new MetricsStudy(program, methods, variants, metrics, reliability, threads, value);
    }

    /**
     * @param images the images (at least two)
     * @param datasetMean per-channel data-set mean for dataset-mean replacement, or {@code null} to use the
     *     mean of {@code images}
     * @param provenance model provenance to extend
     * @param progress progress listener
     * @return the scores, curves and statistics
     */
    public MetricsResult run(List<SanityImage> images, double[] datasetMean, Provenance provenance,
                             StudyProgress progress) {
        if (images.size() < 2) {
            throw new InvalidInputException("a reliability study needs at least two images, got " + images.size());
        }
        long start = System.nanoTime();
        int channels = program.network().inputShape().channels();
        double[] mean = datasetMean != null ? datasetMean.clone() : SanityImage.channelMean(images, channels);
        SaliencyMap[][] maps = maps(images);
        List<String> methodNames = methods.stream().map(SaliencyMethod::name).toList();
        List<String> imageIds = images.stream().map(SanityImage::id).toList();
        List<MetricsResult.Variant> out = new ArrayList<>();
        AtomicLong passes = new AtomicLong();
        long total = (long) images.size() * variants.size();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (PerturbationConfig cfg : variants) {
                PerturbationMetrics engine = new PerturbationMetrics(program, cfg);
                PerturbationScores[][] scores = new PerturbationScores[images.size()][methods.size()];
                List<Future<?>> futures = new ArrayList<>();
                for (int n = 0; n < images.size(); n++) {
                    final int i = n;
                    futures.add(pool.submit(() -> {
                        SanityImage im = images.get(i);
                        PerturbationMetrics.ImageCase c = engine.prepare(i, im.chw(), im.label(), mean);
                        for (int m = 0; m < methods.size(); m++) {
                            scores[i][m] = engine.score(c, maps[i][m], metrics);
                        }
                        progress.update(done.incrementAndGet(), total, "image-variants");
                    }));
                }
                await(futures);
                passes.addAndGet(passesPerImage(engine) * images.size());
                out.add(variant(cfg, engine.steps(), scores, imageIds, methodNames));
                LOG.info("variant {} scored on {} images", cfg.label(), images.size());
            }
        } finally {
            pool.shutdownNow();
        }
        Provenance p = provenance.withPlugins(String.join(",", methodNames), null, null)
                .withOption("metrics", metrics.stream().map(Metric::key).reduce((a, b) -> a + "," + b).orElse(""))
                .withOption("bootstrap", reliability.replicates() + " replicates, " + reliability.confidence()
                        + " level, seed " + reliability.seed())
                .withOption("controls", String.join(",", new java.util.TreeSet<>(reliability.controls())))
                .withOption("images", String.valueOf(images.size()))
                .withOption("dataset_mean", java.util.Arrays.toString(mean));
        return new MetricsResult(imageIds, methodNames, out, (System.nanoTime() - start) / 1e9, passes.get(), p);
    }

    private long passesPerImage(PerturbationMetrics engine) {
        int seeds = engine.config().seeds();
        long perMap = 0;
        int curve = engine.steps();
        boolean morf = metrics.contains(Metric.AOPC_MORF) || metrics.contains(Metric.ABPC)
                || metrics.contains(Metric.DELETION_AUC);
        perMap += morf ? curve : 0;
        perMap += metrics.contains(Metric.AOPC_LERF) || metrics.contains(Metric.ABPC) ? curve : 0;
        perMap += metrics.contains(Metric.INSERTION_AUC) ? curve + 1 : 0;
        long perImage = (morf ? curve : 0) + (metrics.contains(Metric.FAITHFULNESS) ? engine.featureCount() : 0);
        return 1 + seeds * (perMap * methods.size() + perImage);
    }

    private SaliencyMap[][] maps(List<SanityImage> images) {
        SaliencyMap[][] maps = new SaliencyMap[images.size()][methods.size()];
        PointEvaluator eval = program.pointEvaluator();
        for (int n = 0; n < images.size(); n++) {
            PointEvaluation at = eval.evaluate(images.get(n).chw());
            for (int m = 0; m < methods.size(); m++) {
                maps[n][m] = methods.get(m).map(at);
            }
        }
        return maps;
    }

    private MetricsResult.Variant variant(PerturbationConfig cfg, int steps, PerturbationScores[][] scores,
                                          List<String> images, List<String> methodNames) {
        Map<String, ScoreMatrix> matrices = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            if (!metrics.contains(metric)) {
                continue;
            }
            double[][] s = new double[images.size()][methodNames.size()];
            for (int n = 0; n < images.size(); n++) {
                for (int m = 0; m < methodNames.size(); m++) {
                    s[n][m] = scores[n][m].get(metric);
                }
            }
            matrices.put(metric.key(), new ScoreMatrix(metric.key(), cfg.label(), metric.direction(), images,
                    methodNames, s));
        }
        Map<String, Map<String, double[]>> meanCurves = new LinkedHashMap<>();
        for (int m = 0; m < methodNames.size(); m++) {
            Map<String, double[]> kinds = new LinkedHashMap<>();
            kinds.put("morf", meanCurve(scores, m, PerturbationScores::morf));
            kinds.put("lerf", meanCurve(scores, m, PerturbationScores::lerf));
            kinds.put("insertion", meanCurve(scores, m, PerturbationScores::insertion));
            kinds.put("random", meanCurve(scores, m, PerturbationScores::random));
            meanCurves.put(methodNames.get(m), kinds);
        }
        List<List<Map<String, double[]>>> curves = new ArrayList<>();
        if (keepCurves) {
            for (PerturbationScores[] row : scores) {
                List<Map<String, double[]>> perMethod = new ArrayList<>();
                for (PerturbationScores s : row) {
                    Map<String, double[]> kinds = new LinkedHashMap<>();
                    kinds.put("morf", s.morf());
                    kinds.put("lerf", s.lerf());
                    kinds.put("insertion", s.insertion());
                    perMethod.add(kinds);
                }
                curves.add(perMethod);
            }
        }
        return new MetricsResult.Variant(cfg, steps, matrices, meanCurves, curves,
                ReliabilityAnalysis.analyse(cfg.label(), matrices, reliability));
    }

    private static double[] meanCurve(PerturbationScores[][] scores, int m,
                                      java.util.function.Function<PerturbationScores, double[]> kind) {
        double[] sum = null;
        int n = 0;
        for (PerturbationScores[] row : scores) {
            double[] c = kind.apply(row[m]);
            if (c.length == 0) {
                continue;
            }
            if (sum == null) {
                sum = new double[c.length];
            }
            for (int k = 0; k < c.length; k++) {
                sum[k] += c[k];
            }
            n++;
        }
        if (sum == null) {
            return new double[0];
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] /= n;
        }
        return sum;
    }

    static void await(List<Future<?>> futures) {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
