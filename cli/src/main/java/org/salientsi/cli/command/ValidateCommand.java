package org.salientsi.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.salientsi.cli.run.ExecutorOptions;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.cli.context.CliContext;
import org.salientsi.cli.validate.PaperCommand;
import org.salientsi.cli.validate.StudyExecutors;
import org.salientsi.cli.validate.StudyProgress;
import org.salientsi.validation.checkpoint.StudyFolderLock;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.generate.ImageGenerator;
import org.salientsi.validation.report.StudyReport;
import org.salientsi.validation.run.StudyOutcome;
import org.salientsi.validation.run.Shard;
import org.salientsi.validation.run.StudyRunner;
import org.salientsi.validation.study.ModelSource;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.summary.StudySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code salientsi validate}: a type-I error study ({@code --delta 0}) or a power study of the
 * selective test on synthetic images, resumable, on a local thread pool or on Spark (DESIGN.md
 * section 4). Its subcommand {@code paper} runs the paper's whole experiment.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {PaperCommand.class},
        description = {"Run a validation study: N trials, each drawing a test image and reference(s) with i.i.d. "
                + "N(0, sigma^2) pixels (plus, with --delta, a half-size block of the test image shifted by "
                + "delta, as in the paper) and testing the region the saliency map selects. Reports the "
                + "rejection rates of the selective, over-conditioned (OC) and naive p-values with "
                + "Clopper-Pearson 95%% intervals, and KS tests against U(0, 1).",
            "A draw whose region is empty is counted and redrawn, so N trials give N p-values. Trials are "
                    + "streamed to DIR/trials.jsonl: run the same command again to continue a killed study "
                    + "(or a larger --trials to extend one); one run at a time per DIR (a second is refused while the "
                    + "first holds the folder's lock). Writes DIR/summary.json, trials.csv, PNG plots "
                    + "and index.html; --json prints the summary. 'salientsi validate paper' runs the paper's "
                    + "FPR and TPR experiment."},
        footer = {"", "Examples:",
            "  salientsi validate --model examples/models/paper/model_16.h5 --trials 1000 --sigma 1 --out fpr16",
            "  salientsi validate --model examples/models/paper/model_16.h5 --trials 1000 --sigma 1 --delta 2 "
                    + "--out tpr16",
            "  salientsi validate --model m.onnx --size 32 --trials 200 --sigma 1 --executor spark --out study",
            "  salientsi validate --model m.h5 --trials 10000 --sigma 1 --executor spark --executor-option "
                    + "master=spark://HOST:7077 --executor-option app-jar=spark-app/target/salientsi-spark.jar --out s",
            "", "The spark executor needs the JVM options of docs/reference.md (SALIENTSI_JAVA_OPTS) on Java 17.",
            "On a Spark cluster (spark-submit or the command line) and as shards of a Slurm array or a Kubernetes "
                    + "indexed job: docs/cluster.md in the repository."})
public final class ValidateCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Model file: Keras HDF5 (.h5), DL4J (.zip) or ONNX (.onnx). Required.")
    Path model;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend that opens the model (see 'salientsi list'); default: chosen by file type.")
    String backend;

    @Option(names = "--image-shape", paramLabel = "HxW[xC]",
            description = "Image shape in pixels, height x width [x channels], for models that do not record it "
                    + "(DL4J zips). Default: the model's own.")
    String imageShape;

    @Option(names = "--backend-option", paramLabel = "KEY=VALUE",
            description = "Option for the backend (repeatable), e.g. dtype=float for DL4J. Default: none.")
    Map<String, String> backendOptions = new TreeMap<>();

    @Option(names = "--trials", paramLabel = "N", description = "Number of p-values. Required.")
    Integer trials;

    @Option(names = "--sigma", paramLabel = "S",
            description = "Noise standard deviation of every pixel, > 0 (also the test's noise model). Required.")
    Double sigma;

    @Option(names = "--size", paramLabel = "D",
            description = "Image side (D x D) for fully convolutional models (default: the model's input size).")
    Integer size;

    @Option(names = "--delta", defaultValue = "0", paramLabel = "D",
            description = "Shift of the signal block, in the image's units: 0 (default) for a type-I error study.")
    double delta;

    @Option(names = "--references", paramLabel = "K",
            description = "Reference images per trial (their mean is used; default: 1, or 0 for contrast).")
    Integer references;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "A",
            description = "Significance level of the rejection rates (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED",
            description = "Master seed; trial i's data depend on it and i only (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ExecutorOptions executor;

    @Option(names = "--threads", paramLabel = "K",
            description = "Trials at once (local: default the CPU count; spark: the local[K] master).")
    Integer threads;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run shard I of N only (I from 0): the trials i with i mod N = I, e.g. --shard "
                    + "$SLURM_ARRAY_TASK_ID/10; each shard in its own --out; 'salientsi merge' joins them "
                    + "(default: the whole study).")
    String shard;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (created; holds the checkpoint). Required.")
    Path out;

    @Option(names = "--json", description = "Print the summary as one JSON object (default: off).")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar on standard error (default: shown on a terminal).")
    boolean quiet;

    @Option(names = "--debug", description = "Print stack traces of errors (default: one line).")
    boolean debug;

    /**
     * @param context shared command context
     */
    public ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        context.setDebug(debug);
        require(model, "--model FILE");
        require(trials, "--trials N");
        require(sigma, "--sigma S");
        require(out, "--out DIR");
        if (!Files.isRegularFile(model)) {
            throw new InvalidInputException("model file not found: " + model);
        }
        if (selection.searchThreads != null) {
            throw new InvalidInputException("--search-threads is for test, batch and bench; validate runs --threads "
                    + "trials at once, each search on one thread");
        }
        if (selection.maxSeconds != null) {
            throw new InvalidInputException("--max-seconds is for test, batch and bench; a study's p-values are exact");
        }
        if (selection.sigmaUpper != null) {
            throw new InvalidInputException("--sigma-upper is for test, batch and compare with --noise-from; a study "
                    + "knows its sigma");
        }
        Shard part = shard == null ? Shard.ALL : Shard.parse(shard);
        context.plugins().checkMethodOptions(selection.method, selection.methodParameters());
        Map<String, String> options = new TreeMap<>(backendOptions);
        if (imageShape != null) {
            ImageShape.parse(imageShape);
            options.put(ModelBackend.OPTION_IMAGE_SHAPE, imageShape);
        }
        Study study = Study.of(new ModelSource(model.toString(), backend, options)).withSize(size)
                .withGenerator(ImageGenerator.signal(delta)).withSigma(sigma).withReferences(references)
                .withMethod(selection.method, selection.methodParameters().asMap()).withSelector(selection.selector)
                .withStatistic(selection.statistic).withAlternative(selection.alternative())
                .withTermination(selection.termination).withRange(selection.range).withTrials(trials)
                .withSeed(seed).withAlpha(alpha);
        StudyOutcome outcome;
        // the folder stays locked until its report is written: a second run on it is refused meanwhile
        try (StudyFolderLock lock = StudyFolderLock.acquire(out);
             TrialExecutor pool = StudyExecutors.open(executor.name(), threads, executor.options());
             StudyProgress progress = new StudyProgress("validate", alpha, quiet)) {
            outcome = StudyRunner.runInFolder(study, pool, lock, part, progress);
            StudyReport.write(out, outcome, "SalientSI validation study: " + model.getFileName());
        } catch (UncheckedIOException e) {
            // the message names the path and why; the cause alone would not
            throw new IOException(e.getMessage(), e.getCause());
        }
        StudySummary s = outcome.summary();
        if (json) {
            context.out().println(context.json().writeValueAsString(s));
        } else {
            print(s);
        }
        return 0;
    }

    private static void require(Object value, String option) {
        if (value == null) {
            throw new InvalidInputException("validate needs " + option + " (see 'salientsi validate --help')");
        }
    }

    private void print(StudySummary s) {
        var o = context.out();
        o.printf(Locale.ROOT, "%d trials (%d run, %d resumed), %d empty regions redrawn, alpha %s%n", s.trials(),
                s.trialsRun(), s.trialsResumed(), s.emptyRegions(), s.alpha());
        o.printf("%-10s %10s %20s %8s%n", "p-value", "rate", "95% CI", "KS p");
        line("selective", s.selective());
        if (s.oc() == null) {
            o.printf("%-10s %s%n", "OC", "absent (certified search: no OC p-value)");
        } else {
            line("OC", s.oc());
        }
        line("naive", s.naive());
        if (s.pLower() != null) {
            line("p lower", s.pLower());
            line("p midpoint", s.pMidpoint());
            o.println("search " + s.search() + ": selective is the upper bound (the verdict); the lower bound and "
                    + "the midpoint never decide");
        }
        o.printf(Locale.ROOT, "%.1f s on %s%s%n", s.seconds(), s.executor(), s.trialsPerSecond() == null ? ""
                : String.format(Locale.ROOT, ", %.1f trials/s", s.trialsPerSecond()));
        o.println("Report: " + out.resolve(StudyReport.PAGE).toAbsolutePath());
    }

    private void line(String name, StudySummary.Rates r) {
        context.out().printf(Locale.ROOT, "%-10s %10.4f %20s %8.3g%n", name, r.rejectionRate(),
                String.format(Locale.ROOT, "[%.4f, %.4f]", r.rateCi()[0], r.rateCi()[1]), r.ksP());
    }
}
