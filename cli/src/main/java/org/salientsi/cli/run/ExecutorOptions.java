package org.salientsi.cli.run;

import java.util.Map;
import java.util.TreeMap;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.spi.Parameters;
import org.salientsi.validation.executor.TrialExecutorProvider;
import picocli.CommandLine.Option;

/**
 * Where a command's work runs: {@code --executor NAME} and its {@code --executor-option KEY=VALUE} (a picocli
 * mixin), and the one conversion of those options, with {@code --threads}, to an executor's
 * {@link Parameters} ({@link #parameters(Integer, Map)}, shared with {@code validate} and {@code paper}). The
 * options' meaning is the executor's (for {@code spark}: {@code org.salientsi.validation.spark.SparkContexts}).
 */
public final class ExecutorOptions {

    /** The executor that runs in this process, on this machine. */
    public static final String LOCAL = "local";

    @Option(names = "--executor", defaultValue = LOCAL, paramLabel = "NAME",
            description = "Where the work runs: local (this process, default) or spark (Apache Spark; needs "
                    + "salientsi-validation-spark; validate and paper run trials as Spark tasks, batch images, test "
                    + "the segments of its search; docs/cluster.md).")
    String executor = LOCAL;

    @Option(names = "--executor-option", paramLabel = "KEY=VALUE",
            description = "Executor option (repeatable). spark: master=spark://host:7077 (default local[*]), app-jar="
                    + "FILE (the application jar executors on other machines need), log-level=WARN, or any spark.* "
                    + "setting; validate, paper and batch: partitions=64; test: segments=K per side of T (default: "
                    + "none).")
    Map<String, String> options = new TreeMap<>();

    /** @return the executor's name, trimmed */
    public String name() {
        return executor.trim();
    }

    /** @return whether the work runs in this process ({@value #LOCAL}) */
    public boolean local() {
        return LOCAL.equalsIgnoreCase(name());
    }

    /** @return the {@code --executor-option} values as given (key order) */
    public Map<String, String> options() {
        return options;
    }

    /** @return the executor's options */
    public Parameters parameters() {
        return parameters(null, options);
    }

    /**
     * @param threads work items at once ({@code --threads}), or {@code null} for the executor's default
     * @param options the {@code --executor-option} values
     * @return the executor's parameters: the options, and {@code threads} when given
     * @throws InvalidInputException for fewer than one thread
     */
    public static Parameters parameters(Integer threads, Map<String, String> options) {
        Parameters p = Parameters.of(options);
        if (threads != null) {
            if (threads < 1) {
                throw new InvalidInputException("--threads must be >= 1, got " + threads);
            }
            p = p.with(TrialExecutorProvider.OPTION_THREADS, threads.toString());
        }
        return p;
    }
}
