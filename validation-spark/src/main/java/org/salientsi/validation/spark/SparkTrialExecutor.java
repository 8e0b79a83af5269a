package org.salientsi.validation.spark;

import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.SearchStalledException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.executor.TrialExecutorProvider;
import org.salientsi.validation.executor.TrialSink;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.study.TrialRow;
import org.salientsi.validation.study.TrialRunner;
import org.salientsi.validation.summary.StudyAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs trials on Apache Spark: seed ranges as partitions, one model per partition opened from the
 * model's bytes, rows and accumulators returned per partition. The driver hands a partition's rows
 * to the sink when the partition finishes (Spark's result handler), so a checkpoint gets a
 * partition's rows at once; smaller partitions ({@code partitions} option) checkpoint more often.
 * The rows are the local executor's, bit for bit: every trial depends only on the study and its
 * index.
 */
public final class SparkTrialExecutor implements TrialExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(SparkTrialExecutor.class);

    private final JavaSparkContext spark;
    private final boolean owned;
    private final int partitions;

    /**
     * @param spark a running Spark context
     * @param owned whether {@link #close()} stops it
     * @param partitions partitions per run, or 0 for four per core
     */
    public SparkTrialExecutor(JavaSparkContext spark, boolean owned, int partitions) {
        if (partitions < 0) {
            throw InvalidValueException.of("partitions must be >= 0, got %d", partitions);
        }
        this.spark = spark;
        this.owned = owned;
        this.partitions = partitions;
    }

    @Override
    public String name() {
        return "spark";
    }

    /**
     * The number of trials the cluster runs at once: Spark's default parallelism, capped by
     * {@code spark.cores.max} when that is set (a standalone cluster reports at least 2 even when the
     * application may use one core).
     */
    @Override
    public int parallelism() {
        int parallelism = spark.defaultParallelism();
        if (spark.getConf().contains("spark.cores.max")) {
            int max = spark.getConf().getInt("spark.cores.max", parallelism);
            if (max > 0) {
                parallelism = Math.min(parallelism, max);
            }
        }
        return parallelism;
    }

    /** @return the Spark context */
    public JavaSparkContext context() {
        return spark;
    }

    @Override
    public StudyAccumulator run(Study study, int[] trials, TrialSink sink) {
        StudyAccumulator total = new StudyAccumulator(study.alpha());
        if (trials.length == 0) {
            return total;
        }
        List<int[]> ranges = ranges(trials, partitions > 0 ? partitions : 4 * parallelism());
        Broadcast<ShippedModel> model = spark.broadcast(compile(study));
        try {
            JavaRDD<int[]> rdd = spark.parallelize(ranges, ranges.size());
            ClassTag<PartitionResult> tag = ClassTag$.MODULE$.apply(PartitionResult.class);
            spark.sc().runJob(rdd.rdd(), new RunPartition(study, model), new Collect(total, sink), tag);
            return total;
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw unwrap(e);
        } finally {
            model.destroy();
        }
    }

    /**
     * Opens the study's model with its backend (on the driver) and compiles it for the study's image shape;
     * checks on the driver that the study can run on it, so that bad input fails here with its own
     * exception rather than inside a Spark task.
     *
     * @param study the study
     * @return the model as the executors get it
     */
    static ShippedModel compile(Study study) {
        Plugins plugins = Plugins.load();
        try (LoadedModel loaded = study.model().open(plugins)) {
            ImageShape own = loaded.imageShape();
            ImageShape shape = study.size() == null ? own : ImageShape.of(study.size(), study.size(), own.channels());
            ShippedModel shipped = ShippedModel.compile(loaded, shape);
            new TrialRunner(study, shipped, plugins);
            return shipped;
        }
    }

    /**
     * Cuts the indices into at most {@code count} contiguous ranges of nearly equal length.
     *
     * @param trials trial indices
     * @param count the most ranges
     * @return the ranges, in order
     */
    static List<int[]> ranges(int[] trials, int count) {
        int k = Math.max(1, Math.min(count, trials.length));
        List<int[]> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int from = (int) ((long) trials.length * i / k);
            int to = (int) ((long) trials.length * (i + 1) / k);
            out.add(Arrays.copyOfRange(trials, from, to));
        }
        return out;
    }

    /**
     * Finds the study's own exception (bad input, numerical breakdown) inside Spark's wrapping: as a
     * cause when Spark kept it, else from the failed task's message, which names its class.
     */
    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof ArithmeticException
                    || t instanceof UnsupportedOperationException || t instanceof UncheckedIOException) {
                return (RuntimeException) t;
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        String stalled = reported(message, SearchStalledException.class);
        if (stalled != null) {
            SearchStalledException n = new SearchStalledException(stalled);
            n.initCause(e);
            return n;
        }
        String breakdown = reported(message, NumericalBreakdownException.class);
        if (breakdown != null) {
            NumericalBreakdownException n = new NumericalBreakdownException(breakdown);
            n.initCause(e);
            return n;
        }
        for (Class<?> type : new Class<?>[] {EmptyRegionException.class, ShapeMismatchException.class,
            InvalidValueException.class, InvalidInputException.class, UnsupportedLayerException.class}) {
            String text = reported(message, type);
            if (text != null) {
                return new InvalidInputException(text, e);
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("the Spark job failed: " + message, e);
    }

    /** @return the message of a {@code type} reported in a Spark failure text, or {@code null} */
    private static String reported(String sparkMessage, Class<?> type) {
        String marker = type.getName() + ": ";
        int at = sparkMessage.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int end = sparkMessage.indexOf('\n', at);
        return sparkMessage.substring(at + marker.length(), end < 0 ? sparkMessage.length() : end).strip();
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }

    /** What a partition returns: its rows and their accumulator. */
    record PartitionResult(List<TrialRow> rows, StudyAccumulator accumulator) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Runs one partition's trials on the broadcast model (on an executor: no backend, no file). */
    static final class RunPartition extends AbstractFunction2<TaskContext, Iterator<int[]>, PartitionResult>
            implements Serializable {

        private static final long serialVersionUID = 1L;

        private final Study study;
        private final Broadcast<ShippedModel> model;

        RunPartition(Study study, Broadcast<ShippedModel> model) {
            this.study = study;
            this.model = model;
        }

        @Override
        public PartitionResult apply(TaskContext context, Iterator<int[]> ranges) {
            List<TrialRow> rows = new ArrayList<>();
            StudyAccumulator acc = new StudyAccumulator(study.alpha());
            if (!ranges.hasNext()) {
                return new PartitionResult(rows, acc);
            }
            TrialRunner runner = new TrialRunner(study, model.value(), ShippedModel.executorPlugins());
            while (ranges.hasNext()) {
                for (int i : ranges.next()) {
                    TrialRow row = runner.run(i);
                    rows.add(row);
                    acc.add(row);
                }
            }
            return new PartitionResult(rows, acc);
        }
    }

    /** Merges each finished partition on the driver and streams its rows to the sink. */
    static final class Collect extends AbstractFunction2<Object, PartitionResult, BoxedUnit> implements Serializable {

        private static final long serialVersionUID = 1L;

        private final transient StudyAccumulator total;
        private final transient TrialSink sink;

        Collect(StudyAccumulator total, TrialSink sink) {
            this.total = total;
            this.sink = sink;
        }

        @Override
        public BoxedUnit apply(Object partition, PartitionResult result) {
            synchronized (total) {
                total.merge(result.accumulator());
            }
            for (TrialRow row : result.rows()) {
                sink.accept(row);
            }
            return BoxedUnit.UNIT;
        }
    }

    /**
     * Provides {@code spark}, with the options of {@link SparkContexts#open}.
     */
    public static final class Provider implements TrialExecutorProvider {

        @Override
        public String name() {
            return "spark";
        }

        @Override
        public String description() {
            return "runs trials on Apache Spark (options master, default local[threads]; partitions; app-jar; "
                    + "spark.*)";
        }

        @Override
        public int rank() {
            return 50;
        }

        @Override
        public TrialExecutor create(Parameters options) {
            SparkContexts.Opened spark = SparkContexts.open(options, "salientsi validate");
            return new SparkTrialExecutor(spark.context(), spark.owned(), spark.partitions());
        }
    }
}
