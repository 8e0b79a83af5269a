package org.salientsi.validation.spark;

import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.UnknownOptionException;
import org.salientsi.api.spi.Parameters;
import org.salientsi.validation.executor.TrialExecutorProvider;

/**
 * The Spark context of the {@code spark} executors (the trial executor of {@code validate}, the batch executor
 * of {@code batch}), from their one set of options: {@value #OPTION_MASTER} (default: the {@code spark.master}
 * system property, as {@code spark-submit} sets it, else {@code local[threads]}, else {@code local[*]}),
 * {@value #OPTION_PARTITIONS}, {@value #OPTION_LOG_LEVEL} (default WARN), {@code threads} for the local master,
 * {@value AppJar#OPTION} (the application jar that executors in other JVMs need; see {@link AppJar#locate}) and
 * any {@code spark.*} key, set on the Spark configuration as it is. An active Spark context is used as it is and
 * left running.
 */
public final class SparkContexts {

    /** Option: the Spark master URL (default: {@code spark.master}, else {@code local[threads]}). */
    public static final String OPTION_MASTER = "master";
    /** Option: the number of partitions (default: four per core). */
    public static final String OPTION_PARTITIONS = "partitions";
    /** Option: Spark's own log level (default {@code WARN}: Spark's start-up chatter stays quiet). */
    public static final String OPTION_LOG_LEVEL = "log-level";

    /** The options every {@code spark} executor takes ({@code spark.*}: any key starting so). */
    static final Set<String> OPTIONS = Set.of(OPTION_MASTER, OPTION_PARTITIONS, OPTION_LOG_LEVEL,
            TrialExecutorProvider.OPTION_THREADS, AppJar.OPTION, "spark.*");

    private SparkContexts() {
    }

    /**
     * A Spark context and how an executor uses it.
     *
     * @param context the running context
     * @param owned whether the executor stops it when it closes (it created it)
     * @param partitions partitions per run, or 0 for four per core
     */
    public record Opened(JavaSparkContext context, boolean owned, int partitions) {

        /**
         * @throws InvalidValueException if partitions is negative
         */
        public Opened {
            if (partitions < 0) {
                throw InvalidValueException.of("partitions must be >= 0, got %d", partitions);
            }
        }
    }

    /**
     * @param options the executor options ({@code --executor-option KEY=VALUE})
     * @param appName the application's name when this creates the context ({@code salientsi validate})
     * @return the active context, or a new one from the options
     * @throws UnknownOptionException for an option that is none of {@link #OPTIONS}
     * @throws org.salientsi.api.error.InvalidInputException for a cluster master without an application jar
     *     ({@link AppJar#locate}) or a partition count that is not a number
     *     {@code >= 0}
     */
    public static Opened open(Parameters options, String appName) {
        for (String key : options.asMap().keySet()) {
            if (!OPTIONS.contains(key) && !key.startsWith("spark.")) {
                throw new UnknownOptionException("executor", "spark", key, new TreeSet<>(OPTIONS));
            }
        }
        int partitions = options.getInt(OPTION_PARTITIONS, 0);
        if (partitions < 0) { // refused before a context starts
            throw InvalidValueException.of("--executor-option %s must be >= 0 (0: four per core), got %d",
                    OPTION_PARTITIONS, partitions);
        }
        String master = options.get(OPTION_MASTER).orElse(System.getProperty("spark.master"));
        if (master == null) {
            int threads = options.getInt(TrialExecutorProvider.OPTION_THREADS, 0);
            master = threads > 0 ? "local[" + threads + "]" : "local[*]";
        }
        scala.Option<org.apache.spark.SparkContext> active = org.apache.spark.SparkContext$.MODULE$.getActive();
        if (active.isDefined()) {
            return new Opened(new JavaSparkContext(active.get()), false, partitions);
        }
        // loads spark.* system properties: under spark-submit, its master, jars and the rest
        SparkConf conf = new SparkConf().setMaster(master).set("spark.ui.enabled", "false")
                .set("spark.log.level", options.get(OPTION_LOG_LEVEL).orElse("WARN"));
        if (!conf.contains("spark.app.name")) {
            conf.setAppName(appName);
        }
        boolean local = master.equals("local") || master.startsWith("local[");
        if (local) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        options.asMap().forEach((key, value) -> {
            if (key.startsWith("spark.")) {
                conf.set(key, value);
            }
        });
        if (!local && !conf.contains("spark.jars")) {
            conf.setJars(new String[] {AppJar.locate(options, master).toString()});
        }
        return new Opened(new JavaSparkContext(conf), true, partitions);
    }
}
