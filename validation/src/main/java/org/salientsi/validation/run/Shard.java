package org.salientsi.validation.run;

import org.salientsi.api.error.InvalidValueException;

/**
 * One of {@code count} disjoint parts of a study's trials (or a batch's images): shard {@code index} holds
 * the items whose position {@code i} has {@code i mod count == index}, so the shards of a Slurm array or a
 * Kubernetes indexed job ({@code --shard $SLURM_ARRAY_TASK_ID/N}, {@code $JOB_COMPLETION_INDEX/N}) get
 * nearly equal shares of every part of the study.
 *
 * @param index the shard's index, {@code 0 <= index < count}
 * @param count the number of shards, {@code >= 1}
 */
public record Shard(int index, int count) {

    /** The whole study: one shard. */
    public static final Shard ALL = new Shard(0, 1);

    /** The most shards a study may be cut into. */
    public static final int MAX_COUNT = 1_000_000;

    /**
     * @throws InvalidValueException if {@code count} is not in [1, {@value #MAX_COUNT}] or {@code index}
     *     not in [0, count)
     */
    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw InvalidValueException.of("--shard I/N needs 1 <= N <= %d, got N = %d", MAX_COUNT, count);
        }
        if (index < 0 || index >= count) {
            throw InvalidValueException.of("--shard I/N needs 0 <= I < N (I counts from 0, as Slurm array and "
                    + "Kubernetes job indices do), got %d/%d", index, count);
        }
    }

    /**
     * @param text {@code I/N}, e.g. {@code 3/10}
     * @return the shard
     * @throws InvalidValueException if the text is not two integers separated by {@code /} or out of range
     */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw InvalidValueException.of("--shard must be I/N (shard I of N, counting from 0), got '%s'", t);
        }
        try {
            return new Shard(Integer.parseInt(t.substring(0, slash).strip()),
                    Integer.parseInt(t.substring(slash + 1).strip()));
        } catch (NumberFormatException e) {
            throw InvalidValueException.of("--shard must be I/N with integers I and N, got '%s'", t);
        }
    }

    /** @return whether this is the whole study (one shard) */
    public boolean whole() {
        return count == 1;
    }

    /**
     * @param position an item's position (a trial index, an image's rank in file-name order), {@code >= 0}
     * @return whether the item belongs to this shard
     */
    public boolean contains(int position) {
        return position % count == index;
    }

    /** @return {@code I/N} */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
