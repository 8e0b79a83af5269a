/**
 * The {@code spark} executors. The trial executor runs a validation study on Apache Spark (4.x, Scala 2.13, a
 * {@code provided} dependency). The driver opens the model with its backend and broadcasts its compiled
 * IR ({@link org.salientsi.validation.spark.ShippedModel}); the study's trial indices are cut into
 * contiguous seed ranges, one per partition; each partition runs its trials on the IR with the same
 * {@link org.salientsi.validation.study.TrialRunner} as the local executor (no backend, native library
 * or file on the executor), and returns its rows with a
 * {@link org.salientsi.validation.summary.StudyAccumulator}; the driver merges the accumulators and
 * streams each partition's rows to the checkpoint as the partition finishes. Executors in other JVMs
 * get the application jar ({@link org.salientsi.validation.spark.AppJar}).
 *
 * <p>The {@code spark} batch executor ({@link org.salientsi.validation.spark.SparkBatchExecutor}) tests a
 * batch's images: the driver broadcasts the IR per image shape with the test's specification
 * ({@link org.salientsi.validation.spark.ShippedSpec}) and ships the images' values in the tasks
 * ({@link org.salientsi.validation.spark.ShippedImage}). Both executors take one set of options
 * ({@link org.salientsi.validation.spark.SparkContexts}).
 *
 * <p>{@link org.salientsi.validation.spark.SparkSegmentExecutor} walks the segments of one exhaustive
 * search as Spark tasks ({@code salientsi test --executor spark}): the IR and the plugins' names travel
 * once, the search's plan per walk, each task returns a segment's result and the driver merges them.
 *
 * <p>Java 17 needs Spark's module openings on every JVM that runs Spark (the root pom's
 * {@code spark.jvm.options} property; Spark's own launcher adds them to the executors it starts).
 */
package org.salientsi.validation.spark;
