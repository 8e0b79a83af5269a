package org.salientsi.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.UnknownPluginException;
import org.salientsi.api.image.Image;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.cli.context.CliContext;
import org.salientsi.cli.context.ExitCodes;
import org.salientsi.cli.io.ImageSet;
import org.salientsi.cli.progress.Progress;
import org.salientsi.reports.page.BatchReport;
import org.salientsi.api.result.BatchLine;
import org.salientsi.reports.page.ReportEntry;
import org.salientsi.core.multiplicity.BenjaminiHochberg;
import org.salientsi.cli.run.ExecutorOptions;
import org.salientsi.validation.batch.BatchImage;
import org.salientsi.validation.batch.ImageBatchExecutor;
import org.salientsi.validation.batch.ImageBatchExecutorProvider;
import org.salientsi.validation.batch.ImageBatchExecutors;
import org.salientsi.core.multiplicity.ComponentFamily;
import org.salientsi.core.multiplicity.FdrMethod;
import org.salientsi.core.region.ComponentSplit;
import org.salientsi.validation.run.Shard;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.facade.ErrorMessages;
import org.salientsi.io.ImageFiles;
import org.salientsi.io.ReadLimits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code salientsi batch}: the test of {@code salientsi test} on many images with one model, in
 * file-name order, with Benjamini-Hochberg adjusted p-values across the batch. A failed image is
 * reported (a JSON line with {@code image} and {@code error}) and the run goes on; so is every entry that
 * cannot be read (a dangling link, a FIFO, a folder named like an image, a file larger than the model's
 * input), never dropped.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Test many images with one model, with Benjamini-Hochberg adjusted p-values.",
        description = {"Runs the test of 'salientsi test' on every image of a folder or glob, in file-name order, "
                + "against one reference (--reference), or each against the file of the same name in a folder "
                + "(--paired-references: one fresh reference per image, so that p-values are uniform over "
                + "(image, reference) pairs), or without reference (--statistic contrast).",
            "Prints a table, or with --json one JSON object per image and line (the JSON of 'test' plus bh_p, "
                    + "the Benjamini-Hochberg adjusted selective p-value over the tested images). An image with "
                    + "nothing to test (outcome no_region or full_region: no p-value, bh_p null) is a success. A "
                    + "failed image is a line with image, error and error_kind (bad-input, numerical or internal), and the "
                    + "run goes on. An image is named by its file name (by its path when two share a name). Lines "
                    + "come at the end, "
                    + "after every image (bh_p needs them all); a progress bar with ETA shows on standard error when "
                    + "it is a terminal (--quiet hides it).",
            "With --executor spark the images are tested on Apache Spark (docs/cluster.md): this process reads and "
                    + "checks them as above, compiles the model once per image shape and ships the images in the "
                    + "tasks; the lines are the local batch's (but for wall times). It takes no --shard, --report "
                    + "or --covariance.",
            "Exit codes: 0 every image succeeded, 2 some image failed (its line says why) or bad input or usage, "
                    + "1 an internal failure that stopped the run.", ""},
        footer = {"", "Example (every .npy of a folder, each against its own reference of the same file name):",
            "  salientsi batch --model examples/models/paper/model_8.h5 --images scans/ --paired-references refs/ "
                    + "--sigma 1 --json --report batch-report/"})
public final class BatchCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--images", required = true, arity = "1..*", paramLabel = "DIR|GLOB",
            description = "The images (required): a folder (its .npy and .png files), a quoted glob such as "
                    + "'scans/*.npy' or 'data/**/x_?.png', or files (what the shell leaves of an unquoted glob); "
                    + "repeatable.")
    List<String> images;

    @ArgGroup(exclusive = true)
    References references;

    @ArgGroup(exclusive = true, multiplicity = "1")
    NoiseOptions noise;

    @Mixin
    SelectionOptions selection;

    @Mixin
    ComponentOptions componentOptions = new ComponentOptions();

    @Option(names = "--json", description = "Print one JSON object per image and line (default: a table).")
    boolean json;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write an HTML report to folder DIR (created if missing): DIR/index.html with one "
                    + "row per image, sortable by p-value, and one page per image (default: none).")
    Path report;

    @Mixin
    AlphaOption alpha;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Test shard I of N only (I from 0): the images at positions p (file-name order) with p mod N "
                    + "= I, e.g. --shard $JOB_COMPLETION_INDEX/20; needs --json; its lines have no bh_p, which "
                    + "'salientsi merge' computes across all shards (default: the whole batch).")
    String shard;

    @Mixin
    ExecutorOptions executor;

    @Option(names = "--quiet", description = "No progress bar (default: shown on standard error when it is a "
            + "terminal, never in pipes, files or CI logs).")
    boolean quiet;

    /** The reference of every image, or a folder of per-image references. */
    static final class References {
        @Option(names = "--reference", paramLabel = "FILE",
                description = "One reference image (.npy or .png) for every image. Default: no reference, "
                        + "in-image tests (--statistic contrast).")
        Path reference;

        @Option(names = "--paired-references", paramLabel = "DIR",
                description = "Folder of references: each image is tested against the file of the same name in DIR. "
                        + "Default: none.")
        Path paired;
    }

    /**
     * @param context shared command context
     */
    public BatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        context.setDebug(modelOptions.debug);
        TestSpec settings = selection.spec(noise);
        ComponentSplit split = componentOptions.split();
        double level = alpha.level();
        Shard part = shard == null ? Shard.ALL : Shard.parse(shard);
        if (!part.whole() && (!json || report != null)) {
            throw new InvalidInputException("--shard writes JSON lines for 'salientsi merge': it needs --json and "
                    + "takes no --report");
        }
        if (!executor.local()) {
            refuseOnCluster(part);
        } else if (!executor.parameters().isEmpty()) {
            throw new InvalidInputException("--executor-option " + executor.parameters().asMap().keySet().iterator()
                    .next() + ": the local batch takes no executor option (they are for --executor spark)");
        }
        List<Path> files = ImageSet.resolve(images);
        Image shared = null;
        Path paired = null;
        if (references != null && references.reference != null) {
            shared = ImageFiles.read(references.reference);
        } else if (references != null && references.paired != null) {
            paired = references.paired;
            if (!Files.isDirectory(paired)) {
                throw new InvalidInputException("--paired-references " + paired + " is not a folder");
            }
        }
        if (report != null && Files.exists(report) && !Files.isDirectory(report)) {
            throw new InvalidInputException("--report " + report + " is a file; batch writes a folder of pages");
        }
        Map<String, Integer> nameCount = new HashMap<>();
        for (Path f : files) {
            nameCount.merge(f.getFileName().toString(), 1, Integer::sum);
        }
        files = shardOf(files, part);
        List<ReportEntry> entries = new ArrayList<>(Collections.nCopies(files.size(), null));
        List<ErrorMessages.Kind> kinds = new ArrayList<>(Collections.nCopies(files.size(), null));
        List<ComponentTests> parts = new ArrayList<>(Collections.nCopies(files.size(), null));
        try (ImageBatchExecutor remote = executor.local() ? null : openExecutor();
             ModelSession session = ModelSession.open(context, modelOptions)) {
            TestEngine runner = session.engine(settings);
            if (split != null) {
                runner.checkSubRegions(shared != null || paired != null);
            }
            // a fixed-size model bounds what an image file may make us allocate
            ReadLimits limits = session.model().fixedSize() ? ReadLimits.forInput(session.model().imageShape())
                    : ReadLimits.DEFAULT;
            // with an executor: the images read here, each tested there
            BatchImage[] pending = new BatchImage[files.size()];
            try (Progress progress = Progress.start("batch", files.size(), quiet)) {
                for (int i = 0; i < files.size(); i++) {
                    Path f = files.get(i);
                    String name = f.getFileName().toString();
                    String label = nameCount.get(name) > 1 ? f.toString() : name;
                    progress.message(name);
                    Image x = null;
                    try {
                        x = ImageFiles.read(f, limits).withName(label);
                        List<Image> refs = shared != null ? List.of(shared)
                                : paired != null ? List.of(pairedReference(paired, f, limits)) : List.of();
                        if (remote != null) {
                            pending[i] = new BatchImage(i, x, refs);
                            continue; // a step when it is tested
                        }
                        ComponentTests tests = split == null ? null : runner.testComponents(x, refs, split);
                        SelectiveResult r = tests != null ? tests.result() : runner.test(x, refs);
                        SaliencyMap map = report != null ? runner.map(x) : null;
                        entries.set(i, ReportEntry.tested(x, map, r).withReferences(refs));
                        parts.set(i, tests);
                    } catch (RuntimeException e) {
                        failed(entries, kinds, i, label, x, e);
                    }
                    progress.step();
                }
                if (remote != null) {
                    List<BatchImage> tested = Arrays.stream(pending).filter(Objects::nonNull).toList();
                    remote.run(runner, tested, outcome -> {
                        BatchImage b = pending[outcome.position()];
                        if (outcome.ok()) {
                            entries.set(b.position(), ReportEntry.tested(b.image(), null, outcome.result())
                                    .withReferences(b.references()));
                        } else {
                            failed(entries, kinds, b.position(), b.image().name(), b.image(), outcome.error());
                        }
                        progress.step();
                    });
                    if (entries.contains(null)) {
                        throw new IllegalStateException("the " + remote.name() + " executor lost images of the batch");
                    }
                }
            }
        }
        List<ReportEntry> lines = entries;
        if (part.whole()) {
            lines = adjust(entries);
            if (split != null) {
                parts = adjustComponents(parts, componentOptions.fdrMethod());
            }
        }
        print(lines, kinds, parts, !part.whole());
        if (report != null) {
            new BatchReport("SalientSI batch: " + files.size() + " images").alpha(level)
                    .note("Model " + modelOptions.model.getFileName() + "; method " + settings.method() + ", selector "
                            + settings.selector() + ", alternative " + settings.alternative().label()
                            + (shared != null ? ", reference " + shared.name()
                            : paired != null ? ", paired references in " + paired : ", no reference") + ".")
                    .writeFolder(report, lines, parts);
            if (!json) {
                context.out().println("report: " + report.resolve("index.html").toAbsolutePath());
            }
        }
        return kinds.stream().anyMatch(k -> k != null) ? ExitCodes.EXIT_BAD_INPUT : 0;
    }

    /**
     * Refuses what the cluster route does not do: a shard (the cluster tests the whole batch and adds bh_p), a
     * report (its pages need the saliency maps, computed locally) and a covariance (its matrix stays here).
     */
    private void refuseOnCluster(Shard part) {
        String name = "--executor " + executor.name();
        if (!part.whole()) {
            throw new InvalidInputException("--shard runs a part of the batch on this machine; " + name + " tests the "
                    + "whole batch and adds bh_p itself: give one of them");
        }
        if (report != null) {
            throw new InvalidInputException("--report is written by the local batch (its pages show saliency maps); "
                    + "with " + name + " print the lines (--json) or the table");
        }
        if (noise.hasCovariance()) {
            throw new InvalidInputException(name + " takes the noise as --sigma; a covariance (--covariance) is only "
                    + "tested locally");
        }
        if (componentOptions.split() != null) {
            throw new InvalidInputException("--components is tested by the local batch; " + name + " tests the "
                    + "selected regions only: give one of them");
        }
    }

    /** @return the named batch executor; an unknown name is refused with the list of the known ones */
    private ImageBatchExecutor openExecutor() {
        PluginRegistry<ImageBatchExecutorProvider> installed = ImageBatchExecutors.load();
        String name = executor.name();
        if (installed.find(name).isEmpty()) {
            List<String> known = new ArrayList<>(List.of(ExecutorOptions.LOCAL));
            known.addAll(installed.names());
            throw new UnknownPluginException("executor", name, known);
        }
        return installed.get(name).create(executor.parameters());
    }

    /** Records a failed image as the local batch reports it. */
    private void failed(List<ReportEntry> entries, List<ErrorMessages.Kind> kinds, int position, String label,
                        Image image, RuntimeException e) {
        if (context.debug()) {
            e.printStackTrace(context.err());
        }
        entries.set(position, ReportEntry.failed(label, image, ErrorMessages.message(e)));
        kinds.set(position, ErrorMessages.kind(e));
    }

    private static Image pairedReference(Path dir, Path image, ReadLimits limits) {
        Path ref = dir.resolve(image.getFileName().toString());
        if (!Files.exists(ref)) {
            throw new InvalidInputException("no paired reference for " + image.getFileName() + ": " + ref
                    + " does not exist (--paired-references takes the file of the same name)");
        }
        return ImageFiles.read(ref, limits);
    }

    /** @return the files at the shard's positions, in order */
    private static List<Path> shardOf(List<Path> files, Shard part) {
        List<Path> mine = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (part.contains(i)) {
                mine.add(files.get(i));
            }
        }
        return mine;
    }

    /**
     * Adds the Benjamini-Hochberg adjusted p-values, over the images that were tested (an image with nothing to
     * test is a success without a p-value: it is not one of the hypotheses).
     */
    private static List<ReportEntry> adjust(List<ReportEntry> entries) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).ok() && entries.get(i).result().tested()) {
                ok.add(i);
            }
        }
        double[] p = new double[ok.size()];
        for (int k = 0; k < p.length; k++) {
            // the valid p-value: the upper bound after an early stop (equal to selective_p otherwise)
            p[k] = entries.get(ok.get(k)).result().pBounds().upper();
        }
        double[] adjusted = BenjaminiHochberg.adjust(p);
        List<ReportEntry> out = new ArrayList<>(entries);
        for (int k = 0; k < p.length; k++) {
            ReportEntry e = entries.get(ok.get(k));
            out.set(ok.get(k), e.withBhP(adjusted[k]));
        }
        return out;
    }

    /**
     * Adds the false-discovery-rate adjusted p-values of every tested component of every image (one family across
     * the batch); failed images (null) stay null.
     */
    private static List<ComponentTests> adjustComponents(List<ComponentTests> parts, FdrMethod method) {
        List<ComponentTests> present = parts.stream().filter(java.util.Objects::nonNull).toList();
        java.util.Iterator<ComponentTests> adjusted = ComponentFamily.adjust(present, method).iterator();
        List<ComponentTests> out = new ArrayList<>(parts.size());
        for (ComponentTests p : parts) {
            out.add(p == null ? null : adjusted.next());
        }
        return out;
    }

    private void print(List<ReportEntry> entries, List<ErrorMessages.Kind> kinds, List<ComponentTests> parts,
                       boolean sharded) throws IOException {
        PrintWriter out = context.out();
        if (json) {
            for (int i = 0; i < entries.size(); i++) {
                ReportEntry e = entries.get(i);
                if (e.ok() && parts.get(i) != null) {
                    // the result with its components, then bh_p (none in a shard's line)
                    ObjectNode line = context.json().valueToTree(parts.get(i));
                    if (!sharded) {
                        line.set("bh_p", context.json().valueToTree(e.bhP()));
                    }
                    out.println(context.json().writeValueAsString(line));
                } else if (e.ok()) {
                    // a shard's line has no bh_p: salientsi merge computes it across all shards
                    out.println(context.json().writeValueAsString(sharded ? e.result()
                            : new BatchLine(e.result(), e.bhP())));
                } else {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("image", e.label());
                    line.put("error", e.error());
                    line.put("error_kind", kinds.get(i).label());
                    out.println(context.json().writeValueAsString(line));
                }
            }
            return;
        }
        out.printf(Locale.ROOT, "%-24s %7s %10s %12s %12s %12s %12s %8s %8s%n", "image", "region", "T", "selective p",
                "BH p", "OC p", "naive p", "pieces", "seconds");
        int failed = 0;
        int untested = 0;
        for (ReportEntry e : entries) {
            if (!e.ok()) {
                failed++;
                out.printf(Locale.ROOT, "%-24s error: %s%n", e.label(), e.error());
                continue;
            }
            SelectiveResult r = e.result();
            if (!r.tested()) {
                untested++;
                out.printf(Locale.ROOT, "%-24s %7d %s: nothing to test, no p-value%n", e.label(), r.regionSize(),
                        r.outcome().label());
                continue;
            }
            out.printf(Locale.ROOT, "%-24s %7d %10.4g %12.4g %12.4g %12.4g %12.4g %8d %8.3f%n", e.label(),
                    r.regionSize(), r.statistic(), r.selectiveP(), e.bhP(), r.ocP(), r.naiveP(), r.pieces(),
                    r.seconds());
        }
        List<ComponentTests> present = parts.stream().filter(java.util.Objects::nonNull).toList();
        if (!present.isEmpty()) {
            long testedParts = present.stream().mapToLong(p -> p.testedPValues().length).sum();
            long found = present.stream().flatMap(p -> p.components().stream())
                    .filter(c -> c.fdrP() != null && c.fdrP() <= 0.05).count();
            ComponentTests first = present.get(0);
            out.printf(Locale.ROOT, "components: %d tested across the batch; fdr_p <= 0.05 (%s, %s): %d%n",
                    testedParts, first.fdrMethod() == null ? "not adjusted in a shard" : first.fdrMethod(),
                    first.fdrNote() == null ? "-" : first.fdrNote(), found);
        }
        long rejected = entries.stream().filter(e -> e.ok() && e.bhP() != null && e.bhP() <= 0.05).count();
        out.printf(Locale.ROOT, "%n%d images: %d tested, %d failed, %d with nothing to test; BH-adjusted p <= 0.05 "
                + "(false discovery rate 5%% over the tested images): %d%n", entries.size(),
                entries.size() - failed - untested, failed, untested, rejected);
    }
}
