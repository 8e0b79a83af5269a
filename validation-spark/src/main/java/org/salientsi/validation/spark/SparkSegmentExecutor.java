package org.salientsi.validation.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.UnknownOptionException;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.engine.SegmentExecutorProvider;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.search.SearchSegment;
import org.salientsi.core.search.SegmentExecutor;
import org.salientsi.core.search.SegmentPlan;
import org.salientsi.core.search.SegmentResult;
import org.salientsi.core.search.Selection;
import org.salientsi.validation.executor.TrialExecutorProvider;

/**
 * Walks the segments of one exhaustive search as Spark tasks, one task per segment. The driver broadcasts
 * the model's IR it compiled for the search, once per image shape, with the names and parameters of the plugins
 * ({@link ShippedSelection}); each walk broadcasts the search's {@link SegmentPlan} (the test line, the
 * observed map and region, the options); each task rebuilds the selection on its executor from the
 * plugins by name (once per executor JVM and model), walks its segment and returns a
 * {@link SegmentResult}; the driver merges them and finishes the p-values as a search on one machine does.
 * Executors load no backend, native library or file.
 */
public final class SparkSegmentExecutor implements SegmentExecutor {

    /** Option: segments per side of T (default: Spark's default parallelism). */
    public static final String OPTION_SEGMENTS = "segments";

    /** The selection rebuilt last on this JVM, with the id of the broadcast it came from. */
    private static final Map<Long, Selection> REBUILT = new HashMap<>();

    private final SparkTrialExecutor context;
    private final LoadedModel model;
    private final TestSpec spec;
    private final int perSide;
    private final Map<ImageShape, Broadcast<ShippedSelection>> shipped = new HashMap<>();

    /**
     * @param context the Spark context, through the trial executor that opened it (closed with this)
     * @param model the loaded model, on the driver
     * @param spec the test's specification
     * @param perSide segments per side of T, {@code >= 1}
     */
    SparkSegmentExecutor(SparkTrialExecutor context, LoadedModel model, TestSpec spec, int perSide) {
        if (perSide < 1) {
            throw new InvalidInputException("--executor-option " + OPTION_SEGMENTS + " must be >= 1, got " + perSide);
        }
        this.context = context;
        this.model = model;
        this.spec = spec;
        this.perSide = perSide;
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public int segmentsPerSide() {
        return perSide;
    }

    @Override
    public List<SegmentResult> walk(SegmentPlan plan, Selection selection, List<SearchSegment> segments) {
        JavaSparkContext spark = context.context();
        // the IR the driver compiled for the image's shape travels as it is, once per shape
        Network network = selection.network().network();
        TensorShape in = network.inputShape();
        Broadcast<ShippedSelection> how = shipped.computeIfAbsent(ImageShape.of(in.height(), in.width(),
                in.channels()), shape -> spark.broadcast(ShippedSelection.of(new ShippedModel(model.backend(),
                model.sha256(), shape, network), spec)));
        Broadcast<SegmentPlan> line = spark.broadcast(plan);
        try {
            return spark.parallelize(segments, segments.size()).map(new WalkSegment(how, line)).collect();
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw SparkTrialExecutor.unwrap(e);
        } finally {
            line.destroy();
        }
    }

    @Override
    public void close() {
        for (Broadcast<ShippedSelection> b : shipped.values()) {
            b.destroy();
        }
        shipped.clear();
        context.close();
    }

    /** Walks one segment on an executor. */
    static final class WalkSegment implements Function<SearchSegment, SegmentResult> {

        private static final long serialVersionUID = 1L;

        private final Broadcast<ShippedSelection> how;
        private final Broadcast<SegmentPlan> line;

        WalkSegment(Broadcast<ShippedSelection> how, Broadcast<SegmentPlan> line) {
            this.how = how;
            this.line = line;
        }

        @Override
        public SegmentResult call(SearchSegment segment) {
            return line.value().walk(selection(how), segment);
        }

        /** @return the selection of a broadcast, rebuilt once per JVM (only the last one is kept) */
        private static Selection selection(Broadcast<ShippedSelection> how) {
            synchronized (REBUILT) {
                Selection s = REBUILT.get(how.id());
                if (s == null) {
                    REBUILT.clear();
                    s = how.value().selection();
                    REBUILT.put(how.id(), s);
                }
                return s;
            }
        }
    }

    /**
     * Provides {@code spark} for {@code salientsi test --executor spark}. Options: {@code segments} (per side
     * of T; default Spark's default parallelism) and the Spark options of the trial executor
     * ({@link SparkTrialExecutor.Provider}: {@code master}, {@code app-jar}, {@code log-level},
     * {@code threads}, {@code spark.*}), which opens the Spark context.
     */
    public static final class Provider implements SegmentExecutorProvider {

        private static final Set<String> OPTIONS = Set.of(OPTION_SEGMENTS, SparkContexts.OPTION_MASTER,
                SparkContexts.OPTION_LOG_LEVEL, TrialExecutorProvider.OPTION_THREADS, AppJar.OPTION, "spark.*");

        @Override
        public String name() {
            return "spark";
        }

        @Override
        public String description() {
            return "walks the segments of one search as Spark tasks (options master, segments, app-jar, spark.*)";
        }

        @Override
        public SegmentExecutor create(LoadedModel model, TestSpec spec, Parameters options) {
            Map<String, String> spark = new TreeMap<>();
            for (Map.Entry<String, String> e : options.asMap().entrySet()) {
                String key = e.getKey();
                if (!OPTIONS.contains(key) && !key.startsWith("spark.")) {
                    throw new UnknownOptionException("executor", "spark", key, new TreeSet<>(OPTIONS));
                }
                if (!key.equals(OPTION_SEGMENTS)) {
                    spark.put(key, e.getValue());
                }
            }
            Integer segments = null;
            if (options.asMap().containsKey(OPTION_SEGMENTS)) {
                segments = options.getInt(OPTION_SEGMENTS, 0);
                if (segments < 1 || segments > 100_000) {
                    throw new InvalidInputException("--executor-option " + OPTION_SEGMENTS + " must be an integer "
                            + "from 1 to 100000, got " + segments);
                }
            }
            if (System.getProperty("spark.app.name") == null) {
                spark.putIfAbsent("spark.app.name", "salientsi test");
            }
            SparkTrialExecutor context = (SparkTrialExecutor) new SparkTrialExecutor.Provider()
                    .create(Parameters.of(spark));
            try {
                return new SparkSegmentExecutor(context, model, spec,
                        segments != null ? segments : Math.max(1, context.context().defaultParallelism()));
            } catch (RuntimeException e) {
                context.close();
                throw e;
            }
        }
    }
}
