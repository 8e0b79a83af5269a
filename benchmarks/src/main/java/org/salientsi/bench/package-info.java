/**
 * JMH benchmarks of the exact parametric search on the paper's four trained CAM models (Miwa, Duy,
 * Takeuchi, ICLR 2023): searches per second, time per piece and bytes allocated per search, for the
 * incremental search and the full-pass reference. Run {@code java -jar benchmarks/target/salientsi-benchmarks.jar}
 * (with {@code OMP_NUM_THREADS=1}); add {@code -prof gc} for {@code gc.alloc.rate.norm}.
 */
package org.salientsi.bench;
