package org.salientsi.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;

/**
 * Searches split into segments against the plain walking search: executors whose results come back in
 * another order or through Java serialisation, and the comparison of results up to rounding.
 */
public final class SplitSearches {

    /** How the results of an executor come back to the search. */
    public enum Order {
        /** In the segments' order. */
        AS_GIVEN,
        /** Reversed. */
        REVERSED,
        /** Shuffled. */
        SHUFFLED,
        /** The plan, each segment and each result sent through serialisation, as to a cluster and back. */
        SERIALISED
    }

    private SplitSearches() {
    }

    /**
     * @param inner the executor that walks
     * @param order how its results come back
     * @param seed the shuffle's seed
     * @return an executor named {@code reordered}
     */
    public static SegmentExecutor reordering(SegmentExecutor inner, Order order, long seed) {
        return new Reordering(inner, order, seed);
    }

    /**
     * The split search's result against the walking search's: the same stop, the truncation set up to
     * rounding (ends within {@code 1e-9 max(|end|, sigma_T)}), the selective p-value within {@code 1e-12}
     * relative, the same OC interval, OC and naive p-values, the confidence interval within {@code 1e-7}.
     *
     * @param split the split search's result
     * @param walking the walking search's
     * @param what label for failures
     */
    public static void assertEquivalent(SelectiveResult split, SelectiveResult walking, String what) {
        assertThat(split.stopReason()).as(what).isEqualTo(StopReason.EXHAUSTIVE);
        TruncationSets.assertSame(split.intervals(), walking.intervals(), 1e-9, walking.sigmaT(), what);
        assertThat(Math.abs(split.selectiveP() - walking.selectiveP())).as(what + ": selective p %s and %s",
                split.selectiveP(), walking.selectiveP()).isLessThanOrEqualTo(1e-12 * walking.selectiveP());
        assertThat(split.ocInterval()).as(what + ": OC interval").isEqualTo(walking.ocInterval());
        assertThat(split.ocP()).as(what + ": OC p").isEqualTo(walking.ocP());
        assertThat(split.naiveP()).as(what + ": naive p").isEqualTo(walking.naiveP());
        assertThat(split.statistic()).as(what + ": T").isEqualTo(walking.statistic());
        assertThat(split.sigmaT()).as(what + ": sigma_T").isEqualTo(walking.sigmaT());
        for (int e = 0; e < 2; e++) {
            assertThat(split.ci().end(e) == null).as(what + ": CI end %d bounded", e)
                    .isEqualTo(walking.ci().end(e) == null);
            if (walking.ci().end(e) != null) {
                assertThat(Math.abs(split.ci().end(e) - walking.ci().end(e))).as(what + ": CI end %d", e)
                        .isLessThanOrEqualTo(1e-7 * Math.max(1, Math.abs(walking.ci().end(e))));
            }
        }
    }

    /**
     * @param value a serialisable value
     * @return its copy through Java serialisation
     */
    @SuppressWarnings("unchecked")
    public static <T> T roundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Reordering(SegmentExecutor inner, Order order, long seed) implements SegmentExecutor {

        @Override
        public String name() {
            return "reordered";
        }

        @Override
        public int segmentsPerSide() {
            return inner.segmentsPerSide();
        }

        @Override
        public List<SegmentResult> walk(SegmentPlan plan, Selection selection, List<SearchSegment> segments) {
            if (order == Order.SERIALISED) {
                SegmentPlan copy = roundTrip(plan);
                List<SegmentResult> out = new ArrayList<>();
                for (SearchSegment s : segments) {
                    out.add(roundTrip(copy.walk(selection, roundTrip(s))));
                }
                return out;
            }
            List<SegmentResult> out = new ArrayList<>(inner.walk(plan, selection, segments));
            if (order == Order.REVERSED) {
                Collections.reverse(out);
            } else if (order == Order.SHUFFLED) {
                Collections.shuffle(out, new Random(seed));
            }
            return out;
        }
    }
}
