package org.salientsi.cli.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.result.Alternative;
import org.salientsi.cli.context.CliContext;
import org.salientsi.validation.checkpoint.StudyFolderLock;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.paper.PaperExperiment;
import org.salientsi.validation.paper.PaperRow;
import org.salientsi.validation.run.StudyListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code salientsi validate paper}: the paper's synthetic experiment (Miwa, Duy, Takeuchi, ICLR 2023)
 * with its four trained models: the FPR of the naive, OC and selective tests at 8, 16, 32 and 64 px,
 * and their TPR against delta at 16 px, next to the paper's numbers.
 */
@Command(name = "paper", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the paper's synthetic experiment with its trained CAM models: for each size a null "
                + "study (FPR), for each delta a signal study at --tpr-size (TPR); CAM >= 0, ref-mean with one "
                + "reference, sigma = 1. Each study is resumable in OUT/fpr-SIZE or OUT/tpr-SIZE-delta-D.",
            "Writes OUT/paper.md (our rates with 95%% intervals next to the paper's), paper.json, "
                    + "fpr-vs-size.png, tpr-vs-delta.png and index.html, and prints the table."},
        footer = {"", "Example (the README's table):",
            "  salientsi validate paper --trials 1000 --out paper-experiment"})
public final class PaperCommand implements Callable<Integer> {

    private static final String SHIPPED = "/org/salientsi/cli/demo/paper/";

    private final CliContext context;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Folder with model_8.h5 ... model_64.h5 (default: the copies shipped in the CLI).")
    Path models;

    @Option(names = "--trials", defaultValue = "1000", paramLabel = "N",
            description = "P-values per study (default: ${DEFAULT-VALUE}, as the paper).")
    int trials;

    @Option(names = "--sizes", defaultValue = "8,16,32,64", split = ",", paramLabel = "D",
            description = "Image sizes of the FPR studies (default: ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--deltas", defaultValue = "1,2,3,4", split = ",", paramLabel = "DELTA",
            description = "Deltas of the TPR studies (default: ${DEFAULT-VALUE}).")
    double[] deltas;

    @Option(names = "--tpr-size", defaultValue = "16", paramLabel = "D",
            description = "Image size of the TPR studies (default: ${DEFAULT-VALUE}).")
    int tprSize;

    @Option(names = "--size-trials", paramLabel = "SIZE=N",
            description = "Fewer (or more) trials for one FPR size, e.g. 64=300 (repeatable) (default: --trials for "
                    + "every size).")
    Map<Integer, Integer> sizeTrials = new TreeMap<>();

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED",
            description = "Master seed of every study (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "A",
            description = "Significance level (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--alternative", defaultValue = "two-sided", paramLabel = "ALT",
            description = "two-sided (default) or abs (P(|Z| >= |T|), the form of the paper's code), greater, less.")
    String alternative;

    @Mixin
    ExecutorOptions executor;

    @Option(names = "--threads", paramLabel = "K", description = "Trials at once (default: the CPU count).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Required.")
    Path out;

    @Option(names = "--json", description = "Print the table as a JSON array (default: off).")
    boolean json;

    @Option(names = "--quiet", description = "No progress bars on standard error (default: shown on a terminal).")
    boolean quiet;

    @Option(names = "--debug", description = "Print stack traces of errors (default: one line).")
    boolean debug;

    /**
     * @param context shared command context
     */
    public PaperCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        context.setDebug(debug);
        if (out == null) {
            throw new InvalidInputException("validate paper needs --out DIR (see 'salientsi validate paper --help')");
        }
        Path dir = models;
        Path extracted = null;
        if (dir == null) {
            extracted = Files.createTempDirectory("salientsi-paper-models");
            dir = extracted;
            for (int s : sizes) {
                extract(extracted, "model_" + s + ".h5");
            }
            if (deltas.length > 0) {
                extract(extracted, "model_" + tprSize + ".h5");
            }
        }
        try {
            PaperExperiment experiment = new PaperExperiment(dir, sizes, deltas, tprSize, trials, sizeTrials, seed,
                    alpha, Alternative.parse(alternative));
            List<PaperRow> rows;
            StudyProgress[] current = new StudyProgress[1];
            try (StudyFolderLock lock = StudyFolderLock.acquire(out);
                 TrialExecutor pool = StudyExecutors.open(executor.name, threads, executor.options)) {
                rows = experiment.run(pool, lock.folder(), name -> {
                    closeBar(current);
                    current[0] = new StudyProgress(name, alpha, quiet);
                    return (StudyListener) current[0];
                });
            } catch (UncheckedIOException e) {
                throw new IOException(e.getMessage(), e.getCause());
            } finally {
                closeBar(current);
            }
            if (json) {
                context.out().println(context.json().writeValueAsString(rows));
            } else {
                context.out().print(PaperExperiment.markdown(rows));
                context.out().println("Report: " + out.resolve(PaperExperiment.PAGE).toAbsolutePath());
            }
            return 0;
        } finally {
            if (extracted != null) {
                try (var files = Files.list(extracted)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(extracted);
            }
        }
    }

    private static void closeBar(StudyProgress[] current) {
        if (current[0] != null) {
            current[0].close();
            current[0] = null;
        }
    }

    private static void extract(Path dir, String name) throws IOException {
        try (InputStream in = PaperCommand.class.getResourceAsStream(SHIPPED + name)) {
            if (in == null) {
                throw new InvalidInputException("the paper's model " + name + " is not shipped with this build; "
                        + "pass --models DIR");
            }
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
