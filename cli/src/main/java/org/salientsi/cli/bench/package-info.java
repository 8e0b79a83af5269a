/**
 * The scale ladder benchmark of {@code salientsi bench --ladder DIR}: the manifest of a ladder folder
 * ({@link org.salientsi.cli.bench.LadderManifest}, written by {@code benchmarks/ladder/make_ladder.py}),
 * the run of the {@code test} command's default test on each model's image pairs
 * ({@link org.salientsi.cli.bench.LadderBench}), one {@link org.salientsi.cli.bench.LadderRow} per model,
 * and its text table ({@link org.salientsi.cli.bench.LadderTable}). Nothing here prints: the command
 * does.
 */
package org.salientsi.cli.bench;
