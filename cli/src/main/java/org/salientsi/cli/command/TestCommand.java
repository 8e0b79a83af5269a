package org.salientsi.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.salientsi.cli.run.ExecutorOptions;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.cli.context.CliContext;
import org.salientsi.cli.context.ExitCodes;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.search.SegmentExecutor;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.cli.io.StandardStreams;
import org.salientsi.core.multiplicity.ComponentFamily;
import org.salientsi.core.region.ComponentSplit;
import org.salientsi.io.ImageFiles;
import org.salientsi.io.ReadLimits;
import org.salientsi.reports.page.ReportEntry;
import org.salientsi.reports.page.TestReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code salientsi test}: one selective test of the region a saliency map picks in one image. */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Test one image: is the salient region real, or noise?",
        description = {"Test whether the region a saliency map selects in an image differs from the reference "
                + "(or from the image's background), with a p-value that is valid given the selection.",
            "Prints the selective, over-conditioned (OC) and naive p-values; --json prints one JSON object "
                    + "(docs/reference.md); --report writes an HTML page with the image, the map, the region and "
                    + "the truncation set.",
            "Exit codes: 0 success, 1 internal failure or numerical breakdown, 2 bad input (no p-value), 3 nothing "
                    + "to test (the selector selected no pixel, or for contrast every pixel: outcome no_region or "
                    + "full_region, the map and no p-value).", ""},
        footer = {"", "Example (the paper's 8x8 model, an image and a reference of the same scene, noise sd 1):",
            "  salientsi test --model examples/models/paper/model_8.h5 --image x.npy --reference r.npy --sigma 1 "
                    + "--report x.html",
            "One exhaustive search's segments as Spark tasks on a cluster (docs/cluster.md):",
            "  salientsi test --model m.onnx --image x.npy --reference r.npy --sigma 1 --executor spark "
                    + "--executor-option master=spark://HOST:7077 --executor-option segments=8 --json"})
public final class TestCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--image", required = true, paramLabel = "FILE",
            description = "Test image (required): .npy float32/float64 array of shape (H, W) or (H, W, C), channels "
                    + "last, C or Fortran order; or an 8-bit grey or RGB .png (scaled to [0, 1]); - reads the bytes "
                    + "of one .npy or PNG from standard input.")
    Path image;

    @ArgGroup(exclusive = true)
    ReferenceOptions references;

    @ArgGroup(exclusive = true, multiplicity = "1")
    NoiseOptions noise;

    @Mixin
    SelectionOptions selection;

    @Mixin
    ComponentOptions componentOptions = new ComponentOptions();

    @Option(names = "--json", description = "Print the result as one JSON object (fields: docs/reference.md) "
            + "(default: a readable summary).")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write a self-contained HTML report to FILE; - writes it to standard output instead of "
                    + "the summary (not with --json) (default: none).")
    Path report;

    @Mixin
    AlphaOption alpha;

    @Mixin
    ExecutorOptions executor;

    /** One reference, or a folder of references of the same scene. */
    static final class ReferenceOptions {
        @Option(names = "--reference", paramLabel = "FILE",
                description = "Reference image of the same scene (.npy or .png, the image's shape; - for standard "
                        + "input, when --image is a file). Default: no reference, an in-image test (--statistic "
                        + "contrast).")
        Path reference;

        @Option(names = "--references", paramLabel = "DIR",
                description = "Folder of reference images (.npy, .png) of the same scene; their mean is used "
                        + "(its covariance is sigma^2 / m). Default: none.")
        Path folder;
    }

    /**
     * @param context shared command context
     */
    public TestCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        context.setDebug(modelOptions.debug);
        TestSpec settings = selection.spec(noise);
        ComponentSplit split = componentOptions.split();
        if (split != null && !executor.local()) {
            throw new InvalidInputException("--components tests each component on this machine; --executor "
                    + executor.name() + " walks the segments of one search: give one of them");
        }
        double level = alpha.level();
        boolean reportToStdout = StandardStreams.isStandard(report);
        if (reportToStdout && json) {
            throw new InvalidInputException("--report - and --json both write to standard output; give --report a "
                    + "file");
        }
        if (!reportToStdout) {
            checkReportFolder("--report", report == null ? null : report.toAbsolutePath().getParent());
        }
        if (StandardStreams.isStandard(image) && references != null
                && StandardStreams.isStandard(references.reference)) {
            throw new InvalidInputException("--image - and --reference - both read standard input; give one a file");
        }
        Image x = StandardStreams.readImage(image, context.in(), ReadLimits.DEFAULT);
        List<Image> refs = readReferences(references, context);
        SelectiveResult result;
        try (ModelSession session = ModelSession.open(context, modelOptions)) {
            TestEngine runner = session.engine(settings);
            ComponentTests parts = null;
            if (split != null) {
                parts = ComponentFamily.adjust(List.of(runner.testComponents(x, refs, split)),
                        componentOptions.fdrMethod()).get(0);
                result = parts.result();
            } else {
                try (SegmentExecutor segments = SearchExecutors.open(executor, runner.model(), settings)) {
                    result = runner.test(x, refs, segments);
                }
            }
            ComponentTests shown = parts;
            if (report != null) {
                SaliencyMap map = runner.map(x);
                StandardStreams.writeText(report, context.out(),
                        file -> TestReport.write(file, ReportEntry.tested(x, map, result).withReferences(refs),
                                level, shown));
            }
            if (reportToStdout) {
                // standard output holds the page
            } else if (json) {
                context.out().println(context.json().writeValueAsString(parts != null ? parts : result));
            } else {
                ResultText.print(result, context.out());
                if (parts != null) {
                    ResultText.printComponents(parts, context.out());
                }
                if (report != null) {
                    context.out().printf("%-16s %s%n", "report", report.toAbsolutePath());
                }
            }
        }
        return result.tested() ? 0 : ExitCodes.EXIT_NOTHING_TO_TEST;
    }

    /**
     * @param option the option's name
     * @param folder the folder a report goes to, or {@code null}
     * @throws InvalidInputException if the folder does not exist
     */
    static void checkReportFolder(String option, Path folder) {
        if (folder != null && !Files.isDirectory(folder)) {
            throw new InvalidInputException(option + ": folder " + folder + " does not exist");
        }
    }

    static List<Image> readReferences(ReferenceOptions options, CliContext context) throws IOException {
        List<Image> refs = new ArrayList<>();
        if (options == null) {
            return refs;
        }
        if (options.reference != null) {
            refs.add(StandardStreams.readImage(options.reference, context.in(), ReadLimits.DEFAULT));
        } else if (options.folder != null) {
            if (!Files.isDirectory(options.folder)) {
                throw new InvalidInputException("--references " + options.folder + " is not a folder");
            }
            try (Stream<Path> files = Files.list(options.folder)) {
                for (Path p : files.filter(f -> ImageFiles.isImageFile(f.getFileName())).sorted().toList()) {
                    refs.add(ImageFiles.read(p));
                }
            }
            if (refs.isEmpty()) {
                throw new InvalidInputException("--references " + options.folder + " holds no .npy or .png file");
            }
        }
        return refs;
    }
}
