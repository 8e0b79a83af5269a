/**
 * {@code salientsi merge}: joins the outputs of the shards of a study ({@code validate --shard I/N}) or of
 * a batch ({@code batch --shard I/N --json}) that a Slurm array or a Kubernetes indexed job ran, into what
 * the unsharded command gives: the study's checkpoint and summary, or the batch's lines in file-name order
 * with {@code bh_p} computed across all shards.
 */
package org.salientsi.cli.merge;
