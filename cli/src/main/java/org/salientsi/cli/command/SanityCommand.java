package org.salientsi.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Parameters;
import org.salientsi.cli.context.CliContext;
import org.salientsi.cli.progress.Progress;
import org.salientsi.cli.sanity.SanityInputs;
import org.salientsi.cli.sanity.Variants;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.sanity.NamedMethods;
import org.salientsi.sanity.StudyProgress;
import org.salientsi.sanity.invariance.InvarianceCheck;
import org.salientsi.sanity.invariance.ShiftCompensation;
import org.salientsi.sanity.map.ControlMethods;
import org.salientsi.methods.blur.Border;
import org.salientsi.methods.blur.GaussianBlur;
import org.salientsi.sanity.mask.MaskAgreement;
import org.salientsi.sanity.mask.MaskScores;
import org.salientsi.sanity.mask.MaskStudy;
import org.salientsi.sanity.metrics.MetricsResult;
import org.salientsi.sanity.metrics.MetricsStudy;
import org.salientsi.sanity.perturb.Metric;
import org.salientsi.sanity.reliability.ReliabilityOptions;
import org.salientsi.sanity.reliability.ReliabilitySummary;
import org.salientsi.sanity.report.InvarianceReport;
import org.salientsi.sanity.report.MaskReport;
import org.salientsi.sanity.report.MetricsReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code salientsi sanity}: the saliency sanity checks of SANITY.md. */
@Command(name = "sanity", mixinStandardHelpOptions = true,
        subcommands = {SanityCommand.Metrics.class, SanityCommand.Masks.class, SanityCommand.Invariance.class},
        header = "Sanity checks of saliency maps and saliency metrics (docs/reference.md).",
        description = {"metrics: reliability of perturbation metrics (Tomsett et al., AAAI 2020).",
            "masks: agreement of saliency maps with masks of the relevant region (Viviano et al., ICLR 2021).",
            "invariance: input invariance under a compensated input shift (Kindermans et al., 2017)."},
        footer = {"", "Example:",
            "  salientsi sanity metrics --model model.zip --images imgs/ --methods cam,gradient --out sanity-out"})
public final class SanityCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by the sanity subcommands. */
    static final class Common {
        @Option(names = "--images", required = true, arity = "1..*", paramLabel = "DIR|GLOB",
                description = "The images: a folder (its .npy and .png files, in file-name order), a quoted glob or "
                        + "files; one shape for all (required).")
        List<String> images;

        @Option(names = "--methods", split = ",", paramLabel = "NAME[,NAME...]",
                defaultValue = "cam,control-random,control-sobel",
                description = "Saliency methods (plugins, see 'salientsi list', and the controls control-random and "
                        + "control-sobel); default: ${DEFAULT-VALUE}.")
        List<String> methods;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Output folder: summary.json, CSV files and index.html with PNG plots (required).")
        Path out;

        @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
                description = "Use the first N images only (default: 0, all of them).")
        int limit;

        @Option(names = "--target", paramLabel = "K", description = "Output unit the methods explain (default: "
                + "the single output, or the arg-max class).")
        Integer target;

        @Option(names = "--cam-layer", paramLabel = "NAME",
                description = "Feature layer for CAM (default: found automatically).")
        String camLayer;

        @Option(names = "--method-option", paramLabel = "KEY=VALUE",
                description = "Option for the saliency methods (repeatable) (default: none).")
        Map<String, String> methodOptions = new TreeMap<>();

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
                description = "Seed of random maps, replacements, orders and bootstraps (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print the JSON summary on standard output (default: off).")
        boolean json;

        @Option(names = "--quiet", description = "No progress bar (default: shown on standard error when it is a "
                + "terminal).")
        boolean quiet;

        Parameters methodParameters() {
            return org.salientsi.core.engine.TestSpec.defaults().withMethodOptions(methodOptions).withTarget(target)
                    .withCamLayer(camLayer).methodParameters();
        }
    }

    private static StudyProgress bar(Progress progress) {
        return (done, total, what) -> progress.step();
    }

    private static List<SaliencyMethod> methods(CliContext context, Network network, Common common) {
        return NamedMethods.resolve(common.methods, context.plugins().methods(), network, common.methodParameters(),
                common.seed);
    }

    /** {@code salientsi sanity metrics}. */
    @Command(name = "metrics", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Reliability of perturbation metrics (Tomsett et al.): AOPC, ABPC, deletion/insertion AUC, F.",
            description = {"Scores every (image, method) under every combination of --replacement, --unit, --steps "
                    + "and --output, then reports per metric and variant Krippendorff's alpha of the per-image "
                    + "method rankings (with a bootstrap interval over images, with and without the control "
                    + "methods), inter-method Spearman, internal consistency between metrics and rank reversals."},
            footer = {"", "Example:", "  salientsi sanity metrics --model cnn.zip --image-shape 28x28 --images imgs/ "
                    + "--methods cam,control-random,control-sobel --replacement dataset-mean,uniform:0:1 "
                    + "--out report/"})
    public static final class Metrics implements Callable<Integer> {

        private final CliContext context;

        @Mixin
        ModelOptions modelOptions;

        @Mixin
        Common common;

        @Option(names = "--labels", paramLabel = "FILE",
                description = "CSV of file,label lines: the classes for --output .../given (default: none).")
        Path labels;

        @Option(names = "--replacement", split = ",", defaultValue = "dataset-mean", paramLabel = "SPEC[,SPEC...]",
                description = "Replacement values: zero, min, max, dataset-mean, image-mean, uniform[:LO:HI], "
                        + "gaussian[:S], blur[:S] (default: ${DEFAULT-VALUE}).")
        List<String> replacements;

        @Option(names = "--unit", split = ",", defaultValue = "pixel", paramLabel = "SPEC[,SPEC...]",
                description = "Perturbation unit: pixel, pixels:K, patch:S[:sum|mean|max] (default: ${DEFAULT-VALUE}).")
        List<String> units;

        @Option(names = "--steps", split = ",", defaultValue = "100", paramLabel = "L[,L...]",
                description = "Steps L; 0 perturbs every feature (default: ${DEFAULT-VALUE}).")
        List<Integer> steps;

        @Option(names = "--output", split = ",", defaultValue = "logit/predicted", paramLabel = "SPEC[,SPEC...]",
                description = "Scalar followed: logit|probability[/predicted|/given] (default: ${DEFAULT-VALUE}).")
        List<String> outputs;

        @Option(names = "--metrics", split = ",", paramLabel = "NAME[,NAME...]",
                defaultValue = "aopc-morf,aopc-lerf,abpc,deletion-auc,insertion-auc,faithfulness",
                description = "Metrics (default: all).")
        List<String> metrics;

        @Option(names = "--abs-map", description = "Order features by |relevance| (default: the signed map).")
        boolean absMap;

        @Option(names = "--clip", paramLabel = "LO:HI",
                description = "Clip replacement values to [LO, HI] (default: no clipping).")
        String clip;

        @Option(names = "--replacement-seeds", defaultValue = "3", paramLabel = "N",
                description = "Seeds averaged for random replacements (default: ${DEFAULT-VALUE}).")
        int replacementSeeds;

        @Option(names = "--dataset-mean", split = ",", paramLabel = "V[,V...]",
                description = "Per-channel data-set mean for dataset-mean (default: the mean of the images).")
        double[] datasetMean;

        @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "B",
                description = "Bootstrap replicates of alpha's interval (default: ${DEFAULT-VALUE}).")
        int bootstrap;

        @Option(names = "--threads", paramLabel = "K", description = "Worker threads (default: the processors).")
        Integer threads;

        @Option(names = "--curves", description = "Also write every image's curves (curves-v<i>.csv) (default: off).")
        boolean curves;

        /**
         * @param context shared command context
         */
        public Metrics(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            context.setDebug(modelOptions.debug);
            SanityInputs in = SanityInputs.read(common.images, labels, null, common.limit);
            Set<Metric> chosen = EnumSet.noneOf(Metric.class);
            for (String m : metrics) {
                chosen.add(Metric.parse(m));
            }
            var variants = Variants.of(replacements, units, steps, outputs, absMap, clip, replacementSeeds,
                    common.seed);
            try (ModelSession session = ModelSession.open(context, modelOptions)) {
                Network network = session.network(in.shape());
                List<SaliencyMethod> methods = methods(context, network, common);
                Set<String> controls = Set.copyOf(ControlMethods.NAMES);
                MetricsStudy study = MetricsStudy.of(CompiledNetwork.compile(network), methods, controls)
                        .withVariants(variants).withMetrics(chosen)
                        .withReliability(new ReliabilityOptions(bootstrap, 0.95, common.seed, controls))
                        .withThreads(threads == null ? Runtime.getRuntime().availableProcessors() : threads)
                        .withCurves(curves);
                MetricsResult result;
                try (Progress progress = Progress.start("sanity metrics", (long) in.images().size() * variants.size(),
                        common.quiet)) {
                    result = study.run(in.images(), datasetMean, session.provenance().withSeed(common.seed),
                            bar(progress));
                }
                MetricsReport.write(result, common.out, "Saliency-metric reliability: " + in.images().size()
                        + " images");
                if (common.json) {
                    context.out().println(context.json().writeValueAsString(MetricsReport.summary(result)));
                } else {
                    print(result);
                }
            }
            return 0;
        }

        private void print(MetricsResult result) {
            var out = context.out();
            out.printf(Locale.ROOT, "%d images, methods %s, %.1f s; report in %s%n", result.images().size(),
                    result.methods(), result.seconds(), common.out.resolve("index.html"));
            for (int i = 0; i < result.variants().size(); i++) {
                MetricsResult.Variant v = result.variants().get(i);
                out.printf(Locale.ROOT, "variant %d: %s%n", i, v.label());
                out.printf(Locale.ROOT, "  %-15s %-24s %-24s %s%n", "metric", "alpha ordinal [95% CI]",
                        "alpha, no controls", "inter-method rho");
                for (ReliabilitySummary.MetricReliability r : v.reliability().metrics()) {
                    out.printf(Locale.ROOT, "  %-15s %-24s %-24s %s%n", r.metric(), est(r.ordinal()),
                            r.ordinalWithoutControls() == null ? "-" : est(r.ordinalWithoutControls()),
                            f3(r.interMethod().mean()));
                }
            }
        }
    }

    /** {@code salientsi sanity masks}. */
    @Command(name = "masks", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Agreement of saliency maps with masks (Viviano et al.): IoU, IoP, IoT, pointing game.",
            description = {"For every image with a non-empty mask of the same file name in --masks, each method's "
                    + "map is made absolute and blurred (sigma 1, truncate 3.5), thresholded at the mask-size "
                    + "percentile, and compared with the mask."},
            footer = {"", "Example:", "  salientsi sanity masks --model cnn.zip --image-shape 28x28 --images imgs/ "
                    + "--masks masks/ --methods cam,control-sobel --out report/"})
    public static final class Masks implements Callable<Integer> {

        private final CliContext context;

        @Mixin
        ModelOptions modelOptions;

        @Mixin
        Common common;

        @Option(names = "--masks", required = true, paramLabel = "DIR",
                description = "Folder of masks, one per image with the same file name ((H, W) array or PNG; "
                        + "nonzero inside) (required).")
        Path masks;

        @Option(names = "--blur", defaultValue = "1.0", paramLabel = "SIGMA",
                description = "Gaussian blur of the maps in pixels; 0 for none (default: ${DEFAULT-VALUE}).")
        double blur;

        @Option(names = "--truncate", defaultValue = "3.5", paramLabel = "T",
                description = "Blur kernel half-width in sigmas (default: ${DEFAULT-VALUE}).")
        double truncate;

        @Option(names = "--signed",
                description = "Do not take the absolute value of the maps (default: absolute values).")
        boolean signed;

        /**
         * @param context shared command context
         */
        public Masks(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            context.setDebug(modelOptions.debug);
            SanityInputs in = SanityInputs.read(common.images, null, masks, common.limit);
            MaskAgreement agreement = new MaskAgreement(!signed,
                    blur == 0 ? null : GaussianBlur.of(blur, truncate, Border.ZERO));
            try (ModelSession session = ModelSession.open(context, modelOptions)) {
                Network network = session.network(in.shape());
                MaskStudy study = new MaskStudy(CompiledNetwork.compile(network), methods(context, network, common),
                        agreement);
                long start = System.nanoTime();
                MaskStudy.Result result;
                try (Progress progress = Progress.start("sanity masks", in.images().size(), common.quiet)) {
                    result = study.run(in.images(), true, bar(progress));
                }
                if (result.images().isEmpty()) {
                    throw new InvalidInputException("no image has a non-empty mask in " + masks
                            + " (masks are matched by file name)");
                }
                Provenance p = session.provenance().withSeed(common.seed)
                        .withPlugins(String.join(",", result.methods()), null, null)
                        .withOption("processing", agreement.spec());
                Map<String, Object> summary = MaskReport.summary(result, agreement.spec(),
                        (System.nanoTime() - start) / 1e9, p);
                MaskReport.write(result, in.images(), in.shape().height(), in.shape().width(), common.out, summary);
                if (common.json) {
                    context.out().println(context.json().writeValueAsString(summary));
                } else {
                    context.out().printf(Locale.ROOT, "%d images with a mask (%d skipped); report in %s%n",
                            result.images().size(), result.skipped(), common.out.resolve("index.html"));
                    List<String> head = new ArrayList<>(List.of(MaskScores.NAMES));
                    context.out().printf(Locale.ROOT, "  %-16s %s%n", "method", String.join("  ", head));
                    for (int m = 0; m < result.methods().size(); m++) {
                        StringBuilder sb = new StringBuilder();
                        for (double v : result.mean(m)) {
                            sb.append(String.format(Locale.ROOT, "%-6s ", f3(v)));
                        }
                        context.out().printf(Locale.ROOT, "  %-16s %s%n", result.methods().get(m), sb);
                    }
                }
            }
            return 0;
        }
    }

    /** {@code salientsi sanity invariance}. */
    @Command(name = "invariance", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Input invariance (Kindermans et al.): is E(f2, x + m) = E(f1, x) when f2(x + m) = f1(x)?",
            description = {"Builds f2 by absorbing the shift m into the first layer (dense: b - W m; convolution: a "
                    + "bias map, or a scalar bias with --compensation scalar), checks the equivalence "
                    + "max ||f1(x) - f2(x + m)|| / (1 + ||f1(x)||) <= 1e-10 (else the verdict is inconclusive), "
                    + "and compares each method's maps; an image passes when the relative L2 difference is at most "
                    + "max(1e-8, 10 x the noise floor)."},
            footer = {"", "Example:", "  salientsi sanity invariance --model cnn.zip --image-shape 28x28 "
                    + "--images imgs/ --shift -1 --methods gradient,grad-x-input --out report/ --json"})
    public static final class Invariance implements Callable<Integer> {

        private final CliContext context;

        @Mixin
        ModelOptions modelOptions;

        @Mixin
        Common common;

        @Option(names = "--shift", defaultValue = "-1", paramLabel = "M[,M...]|FILE.npy",
                description = "The shift m: one value, one per channel, or an image file (a pattern) "
                        + "(default: ${DEFAULT-VALUE}).")
        String shift;

        @Option(names = "--compensation", defaultValue = "bias-map", paramLabel = "MODE",
                description = "How a convolutional first layer absorbs m: bias-map (exact) or scalar (exact only "
                        + "without zero padding) (default: ${DEFAULT-VALUE}).")
        String compensation;

        @Option(names = "--shifted-method-option", paramLabel = "KEY=VALUE",
                description = "Option for the methods of f2 only (a TRANSFORMED reference, e.g. a baseline moved "
                        + "by m; repeatable) (default: none).")
        Map<String, String> shiftedOptions = new TreeMap<>();

        /**
         * @param context shared command context
         */
        public Invariance(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            context.setDebug(modelOptions.debug);
            SanityInputs in = SanityInputs.read(common.images, null, null, common.limit);
            ShiftCompensation.Mode mode = ShiftCompensation.mode(compensation);
            double[] m = shift.endsWith(".npy") || shift.endsWith(".png")
                    ? org.salientsi.io.ImageFiles.read(Path.of(shift)).toChw()
                    : InvarianceCheck.parseShift(shift);
            try (ModelSession session = ModelSession.open(context, modelOptions)) {
                Network network = session.network(in.shape());
                List<String> names = common.methods;
                Parameters base = common.methodParameters();
                Map<String, String> shiftedMap = new TreeMap<>(base.asMap());
                shiftedMap.putAll(shiftedOptions);
                Parameters shifted = Parameters.of(shiftedMap);
                List<InvarianceCheck.Result> results = new ArrayList<>();
                try (Progress progress = Progress.start("sanity invariance", names.size(), common.quiet)) {
                    for (String name : names) {
                        InvarianceCheck.MethodFactory factory = (net, isShifted) -> NamedMethods.resolve(List.of(name),
                                context.plugins().methods(), net, isShifted ? shifted : base, common.seed).get(0);
                        results.add(InvarianceCheck.float64().run(network, m, mode, in.images(), factory));
                        progress.step();
                    }
                }
                Provenance p = session.provenance().withSeed(common.seed)
                        .withPlugins(String.join(",", names), null, null)
                        .withOption("shift", shift).withOption("compensation", compensation)
                        .withOption("shifted_method_options", shiftedOptions.toString());
                Map<String, Object> summary = InvarianceReport.summary(results, shift, compensation, p);
                InvarianceReport.write(results, in.shape().height(), in.shape().width(), common.out, summary);
                if (common.json) {
                    context.out().println(context.json().writeValueAsString(summary));
                } else {
                    context.out().printf(Locale.ROOT, "equivalence %.3g (shift %s, %s); report in %s%n",
                            results.isEmpty() ? Double.NaN : results.get(0).equivalence(), shift, compensation,
                            common.out.resolve("index.html"));
                    for (InvarianceCheck.Result r : results) {
                        context.out().printf(Locale.ROOT, "  %-22s %-12s pass rate %s, median d_rel %.3g, max %.3g%n",
                                r.method(), r.verdict().label(), f3(r.passRate()), r.medianRel(), r.maxRel());
                    }
                }
            }
            return 0;
        }
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String est(org.salientsi.sanity.reliability.KrippendorffAlpha.Estimate e) {
        return f3(e.alpha()) + " [" + f3(e.lower()) + ", " + f3(e.upper()) + "]";
    }
}
