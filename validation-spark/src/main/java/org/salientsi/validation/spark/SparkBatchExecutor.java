package org.salientsi.validation.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.validation.batch.BatchImage;
import org.salientsi.validation.batch.BatchOutcome;
import org.salientsi.validation.batch.ImageBatchExecutor;
import org.salientsi.validation.batch.ImageBatchExecutorProvider;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Tests a batch's images on Apache Spark. The driver compiles the model to the IR once per image shape and
 * broadcasts the networks with the test's specification ({@link ShippedSpec}) and the references every image
 * shares; the images travel in the tasks, in contiguous runs of positions, with their own references. Each task
 * builds {@link TestEngine}s on the IR (no backend, native library or file on the executor) and runs
 * {@link TestEngine#test} on its images, as the driver's engine would; it returns each result as its JSON (the
 * result's own, loss-free form) or the exception the test raised. The driver hands each finished partition's
 * outcomes to the sink.
 *
 * <p>An image whose shape the model cannot take is tested by the driver's own engine, which refuses it as a local
 * batch does (with the same message), without a task.
 */
public final class SparkBatchExecutor implements ImageBatchExecutor {

    /** The results' JSON on both sides: a plain mapper, whose round trip gives an equal result. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JavaSparkContext spark;
    private final boolean owned;
    private final int partitions;

    /**
     * @param spark a running Spark context
     * @param owned whether {@link #close()} stops it
     * @param partitions partitions per batch, or 0 for four per core
     */
    public SparkBatchExecutor(JavaSparkContext spark, boolean owned, int partitions) {
        this(new SparkContexts.Opened(spark, owned, partitions));
    }

    private SparkBatchExecutor(SparkContexts.Opened opened) {
        this.spark = opened.context();
        this.owned = opened.owned();
        this.partitions = opened.partitions();
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public int parallelism() {
        return spark.defaultParallelism();
    }

    @Override
    public void run(TestEngine engine, List<BatchImage> images, Consumer<BatchOutcome> sink) {
        ShippedSpec spec = ShippedSpec.of(engine.spec());
        Map<ImageShape, ShippedModel> models = new HashMap<>();
        Set<ImageShape> unfit = new HashSet<>();
        List<BatchImage> shipped = new ArrayList<>(images.size());
        for (BatchImage b : images) {
            ImageShape shape = b.image().shape();
            if (!models.containsKey(shape) && !unfit.contains(shape)) {
                try {
                    models.put(shape, ShippedModel.compile(engine.model(), shape));
                } catch (RuntimeException e) {
                    unfit.add(shape);
                }
            }
            if (unfit.contains(shape)) {
                sink.accept(testHere(engine, b));
            } else {
                shipped.add(b);
            }
        }
        if (shipped.isEmpty()) {
            return;
        }
        List<Image> common = shipped.get(0).references();
        boolean shared = shipped.stream().allMatch(b -> sameImages(b.references(), common));
        List<ShippedImage> sharedReferences = shared ? common.stream().map(ShippedImage::of).toList() : List.of();
        List<ImageTask> tasks = new ArrayList<>(shipped.size());
        for (BatchImage b : shipped) {
            tasks.add(new ImageTask(b.position(), ShippedImage.of(b.image()),
                    shared ? List.of() : b.references().stream().map(ShippedImage::of).toList()));
        }
        int count = Math.max(1, Math.min(tasks.size(), partitions > 0 ? partitions : 4 * spark.defaultParallelism()));
        Broadcast<BatchModels> broadcast = spark.broadcast(new BatchModels(spec, engine.provenance().backend(),
                new HashMap<>(models), new ArrayList<>(sharedReferences)));
        try {
            // parallelize cuts the list into contiguous slices: each partition tests a run of positions
            JavaRDD<ImageTask> rdd = spark.parallelize(tasks, count);
            ClassTag<PartitionOutcomes> tag = ClassTag$.MODULE$.apply(PartitionOutcomes.class);
            spark.sc().runJob(rdd.rdd(), new TestPartition(broadcast), new Deliver(sink), tag);
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw SparkTrialExecutor.unwrap(e);
        } finally {
            broadcast.destroy();
        }
    }

    /** The local batch's test of one image, on the driver's engine. */
    private static BatchOutcome testHere(TestEngine engine, BatchImage b) {
        try {
            return BatchOutcome.of(b.position(), engine.test(b.image(), b.references()));
        } catch (RuntimeException e) {
            return BatchOutcome.failed(b.position(), e);
        }
    }

    /** @return whether both lists hold the very same image objects (a reference every image shares) */
    private static boolean sameImages(List<Image> a, List<Image> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }

    /**
     * What every task needs, broadcast once.
     *
     * @param spec the test
     * @param backend the backend's label (for the results' provenance)
     * @param models the compiled model per image shape
     * @param sharedReferences the references of every image, or empty when each task carries its own
     */
    record BatchModels(ShippedSpec spec, String backend, HashMap<ImageShape, ShippedModel> models,
                       ArrayList<ShippedImage> sharedReferences) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One image in a task.
     *
     * @param position its position in the batch
     * @param image the image
     * @param references its own references (empty when they are shared)
     */
    record ImageTask(int position, ShippedImage image, List<ShippedImage> references) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What a task returns for one image: its result's JSON, or the exception its test raised.
     *
     * @param position the image's position
     * @param json the result's JSON, or {@code null}
     * @param error the failure, or {@code null}
     */
    record TaskOutcome(int position, String json, RuntimeException error) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** @return the outcome on the driver */
        BatchOutcome outcome() {
            if (error != null) {
                return BatchOutcome.failed(position, error);
            }
            try {
                return BatchOutcome.of(position, JSON.readValue(json, SelectiveResult.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the result of batch position " + position + " did not travel back: "
                        + e.getOriginalMessage(), e);
            }
        }
    }

    /**
     * What a partition returns: its images' outcomes.
     *
     * @param outcomes one per image, in the partition's order
     */
    record PartitionOutcomes(ArrayList<TaskOutcome> outcomes) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Tests one partition's images (on an executor: no backend, no file). */
    static final class TestPartition extends AbstractFunction2<TaskContext, Iterator<ImageTask>, PartitionOutcomes>
            implements Serializable {

        private static final long serialVersionUID = 1L;

        private final Broadcast<BatchModels> broadcast;

        TestPartition(Broadcast<BatchModels> broadcast) {
            this.broadcast = broadcast;
        }

        @Override
        public PartitionOutcomes apply(TaskContext context, Iterator<ImageTask> tasks) {
            ArrayList<TaskOutcome> out = new ArrayList<>();
            if (!tasks.hasNext()) {
                return new PartitionOutcomes(out);
            }
            BatchModels batch = broadcast.value();
            Plugins plugins = ShippedModel.executorPlugins();
            Map<ImageShape, TestEngine> engines = new HashMap<>();
            List<Image> shared = batch.sharedReferences().stream().map(ShippedImage::image).toList();
            while (tasks.hasNext()) {
                ImageTask task = tasks.next();
                try {
                    Image image = task.image().image();
                    List<Image> references = task.references().isEmpty() ? shared
                            : task.references().stream().map(ShippedImage::image).toList();
                    TestEngine engine = engines.computeIfAbsent(image.shape(), shape -> TestEngine.create(plugins,
                            batch.models().get(shape), batch.backend(), batch.spec().spec()));
                    out.add(new TaskOutcome(task.position(), JSON.writeValueAsString(engine.test(image, references)),
                            null));
                } catch (RuntimeException e) {
                    out.add(new TaskOutcome(task.position(), null, portable(e)));
                } catch (JsonProcessingException e) {
                    out.add(new TaskOutcome(task.position(), null, new IllegalStateException(
                            "the result cannot be written as JSON: " + e.getOriginalMessage())));
                }
            }
            return new PartitionOutcomes(out);
        }
    }

    /**
     * @param e an exception raised by a test
     * @return it, when Java serialisation can carry it to the driver; else an {@link IllegalStateException} with
     *     its text and stack
     */
    static RuntimeException portable(RuntimeException e) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(e);
            return e;
        } catch (IOException notSerialisable) {
            IllegalStateException copy = new IllegalStateException(e.toString());
            copy.setStackTrace(e.getStackTrace());
            return copy;
        }
    }

    /** Hands each finished partition's outcomes to the sink, on the driver, one partition at a time. */
    static final class Deliver extends AbstractFunction2<Object, PartitionOutcomes, BoxedUnit>
            implements Serializable {

        private static final long serialVersionUID = 1L;

        private final transient Consumer<BatchOutcome> sink;

        Deliver(Consumer<BatchOutcome> sink) {
            this.sink = sink;
        }

        @Override
        public BoxedUnit apply(Object partition, PartitionOutcomes result) {
            synchronized (this) {
                for (TaskOutcome o : result.outcomes()) {
                    sink.accept(o.outcome());
                }
            }
            return BoxedUnit.UNIT;
        }
    }

    /** Provides the {@code spark} batch executor, with the options of {@link SparkContexts#open}. */
    public static final class Provider implements ImageBatchExecutorProvider {

        @Override
        public String name() {
            return "spark";
        }

        @Override
        public String description() {
            return "tests a batch's images on Apache Spark (options master, default local[*]; partitions; app-jar; "
                    + "spark.*)";
        }

        @Override
        public ImageBatchExecutor create(Parameters options) {
            return new SparkBatchExecutor(SparkContexts.open(options, "salientsi batch"));
        }
    }
}
