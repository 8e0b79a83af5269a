package org.salientsi.validation.batch;

import java.util.List;
import java.util.function.Consumer;
import org.salientsi.core.engine.TestEngine;

/**
 * Tests the images of a batch somewhere else than in the caller's thread (a cluster). The caller (the
 * driver) has read and checked every image; the executor runs {@link TestEngine#test} of the driver's engine
 * (its model, compiled to the IR, and its specification) on each, and hands every outcome to the sink. An
 * image whose test fails is an outcome with the exception its test raised, as a local loop would catch it;
 * the batch goes on.
 *
 * <pre>{@code
 * try (ImageBatchExecutor spark = ImageBatchExecutors.create("spark", Parameters.of(Map.of("master", "local[2]")))) {
 *     spark.run(engine, images, outcome -> lines.set(outcome.position(), outcome));
 * }
 * }</pre>
 */
public interface ImageBatchExecutor extends AutoCloseable {

    /** @return the executor's name ({@code spark}) */
    String name();

    /** @return the number of images it tests at once */
    int parallelism();

    /**
     * @param engine the driver's engine: its model, backend label and specification are what every image is
     *     tested with
     * @param images the images, at distinct positions
     * @param sink receives each image's outcome once, in any order, one call at a time
     * @throws org.salientsi.api.error.InvalidInputException if the specification cannot run on the executor (a
     *     noise it cannot ship, ...), before any image is tested
     */
    void run(TestEngine engine, List<BatchImage> images, Consumer<BatchOutcome> sink);

    /** Releases the executor's resources (a Spark context it created). */
    @Override
    default void close() {
    }
}
