/**
 * The {@code spark} trial executor: runs a validation study on Apache Spark (4.x, Scala 2.13). The
 * study's trial indices are cut into contiguous seed ranges, one per partition; each partition
 * opens its own model from the model file's bytes (a broadcast variable), runs its trials with the
 * same {@link org.salientsi.validation.study.TrialRunner} as the local executor, and returns its
 * rows with a {@link org.salientsi.validation.summary.StudyAccumulator}; the driver merges the
 * accumulators and streams each partition's rows to the checkpoint as the partition finishes.
 *
 * <p>Java 17 needs Spark's module openings on the JVM that runs the driver and local executors
 * ({@code --add-opens=java.base/sun.nio.ch=ALL-UNNAMED} and the others listed in this module's
 * {@code spark.jvm.options} property, which its tests use).
 */
package org.salientsi.validation.spark;
