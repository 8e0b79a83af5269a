package org.salientsi.cli.validate;

import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * {@code --executor NAME} and {@code --executor-option KEY=VALUE}: where a command's work runs, shared by
 * {@code test} (the segments of one search), {@code validate} and {@code validate paper} (trials).
 */
public final class ExecutorOptions {

    /** The executor's name. */
    @Option(names = "--executor", defaultValue = "local", paramLabel = "NAME",
            description = "Where the work runs: local (this machine, the default) or spark (needs "
                    + "salientsi-validation-spark; validate and paper run trials as Spark tasks, test the "
                    + "segments of its search; docs/cluster.md).")
    public String name = "local";

    /** Its options. */
    @Option(names = "--executor-option", paramLabel = "KEY=VALUE",
            description = "Executor option (repeatable). spark: master=spark://host:7077, app-jar=FILE (the "
                    + "application jar executors on other machines need), log-level=WARN, or any spark.* "
                    + "setting; validate and paper: partitions=64; test: segments=K per side of T (default: "
                    + "none).")
    public Map<String, String> options = new TreeMap<>();
}
