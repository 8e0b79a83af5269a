package org.salientsi.cli.merge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.cli.context.CliContext;
import org.salientsi.cli.context.ExitCodes;
import org.salientsi.validation.checkpoint.StudyFolderLock;
import org.salientsi.validation.summary.StudySummary;
import picocli.CommandLine.Command;
import org.salientsi.core.multiplicity.FdrMethod;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code salientsi merge}: joins the shards of a study (folders) or of a batch (files of JSON lines).
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Join the outputs of the shards of a study or of a batch.",
        description = {"Study shards: give the output folders of 'validate --shard I/N' (all N of them, finished); "
                + "merge checks that they are one study, each shard once and each trial once, and writes DIR "
                + "(--out): trials.jsonl (the whole study's checkpoint), summary.json (equal to the unsharded "
                + "study's, apart from wall times) and trials.csv. Running the same validate command without "
                + "--shard on DIR runs no trial and writes the full report.",
            "Batch shards: give the files that 'batch --shard I/N --json' wrote; merge prints the lines in file-name "
                    + "order with bh_p (Benjamini-Hochberg across every shard's images) and exits 2 when an "
                    + "image failed, like batch."},
        footer = {"", "Examples:",
            "  salientsi validate --model m.h5 --trials 100000 --sigma 1 --shard $SLURM_ARRAY_TASK_ID/100 "
                    + "--out fpr/shard-$SLURM_ARRAY_TASK_ID",
            "  salientsi merge fpr/shard-* --out fpr/all --json",
            "  salientsi batch --model m.h5 --images imgs --paired-references refs --sigma 1 --json "
                    + "--shard $JOB_COMPLETION_INDEX/20 > out/part-$JOB_COMPLETION_INDEX.jsonl",
            "  salientsi merge out/part-*.jsonl > batch.jsonl", "", "More: docs/cluster.md in the repository."})
public final class MergeCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE",
            description = "The shards' outputs: study folders, or batch line files (not both).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the merged study (studies only).")
    Path out;

    @Option(names = "--json", description = "Studies: print the merged summary as one JSON object (default: a line).")
    boolean json;

    @Option(names = "--fdr", paramLabel = "by|bh", defaultValue = "by",
            description = "Batch lines of --components: the adjustment of the components' p-values across every "
                    + "shard, by (Benjamini-Yekutieli, valid under any dependence) or bh (not proven for these "
                    + "p-values) (default: ${DEFAULT-VALUE}).")
    String fdr = "by";

    @Option(names = "--debug", description = "Print stack traces of errors (default: one line).")
    boolean debug;

    /**
     * @param context shared command context
     */
    public MergeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        context.setDebug(debug);
        boolean folders = Files.isDirectory(inputs.get(0));
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new InvalidInputException("merge: " + p + " does not exist");
            }
            if (Files.isDirectory(p) != folders) {
                throw new InvalidInputException("merge: " + p + (folders ? " is a file" : " is a folder") + ", but "
                        + inputs.get(0) + (folders ? " is a folder" : " is a file") + "; give study folders or batch "
                        + "files, not both");
            }
        }
        return folders ? studies() : batches();
    }

    private int studies() throws IOException {
        if (out == null) {
            throw new InvalidInputException("merge needs --out DIR for the merged study (see 'salientsi merge "
                    + "--help')");
        }
        StudyShards merged = StudyShards.read(inputs, context.json());
        try (StudyFolderLock lock = StudyFolderLock.acquire(out)) {
            merged.write(out, context.json());
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
        StudySummary s = merged.summary();
        if (json) {
            context.out().println(context.json().writeValueAsString(s));
        } else {
            context.out().printf(Locale.ROOT, "%d trials from %d shards; rejection rates at alpha %s: selective %.4f,"
                    + " OC %s, naive %.4f%s; %s%n", s.trials(), inputs.size(), s.alpha(),
                    s.selective().rejectionRate(), s.oc() == null ? "absent"
                            : String.format(Locale.ROOT, "%.4f", s.oc().rejectionRate()), s.naive().rejectionRate(),
                    s.pLower() == null ? "" : String.format(Locale.ROOT, ", p lower %.4f, p midpoint %.4f (search %s)",
                            s.pLower().rejectionRate(), s.pMidpoint().rejectionRate(), s.search()),
                    out.toAbsolutePath());
        }
        return 0;
    }

    private int batches() throws IOException {
        if (out != null) {
            throw new InvalidInputException("merge: --out is for study folders; batch lines go to standard output");
        }
        BatchShards merged = BatchShards.read(inputs, context.json(), FdrMethod.parse(fdr));
        for (var line : merged.lines()) {
            context.out().println(context.json().writeValueAsString(line));
        }
        return merged.anyFailed() ? ExitCodes.EXIT_BAD_INPUT : 0;
    }
}
