package org.salientsi.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.salientsi.api.error.InvalidValueException;

/**
 * The segments of a search walked on this JVM: {@code threads} walkers (the caller's thread and pooled
 * {@link SearchThreads}) take the segments in order, one at a time; a failed walk stops the others at
 * their next step and is thrown once all have stopped.
 */
final class LocalSegments implements SegmentExecutor {

    private final int threads;
    private final int perSide;

    LocalSegments(int threads, int perSide) {
        if (threads < 1 || perSide < 1) {
            throw InvalidValueException.of("a local segment executor needs >= 1 thread and >= 1 segment per side, "
                    + "got %d and %d", threads, perSide);
        }
        this.threads = threads;
        this.perSide = perSide;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public int segmentsPerSide() {
        return perSide;
    }

    /** @return one result per segment, in the segments' order */
    @Override
    public List<SegmentResult> walk(SegmentPlan plan, Selection selection, List<SearchSegment> segments) {
        AtomicReferenceArray<SegmentResult> results = new AtomicReferenceArray<>(segments.size());
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable worker = () -> {
            try {
                for (int i = next.getAndIncrement(); i < segments.size() && !failed.get(); i = next.getAndIncrement()) {
                    results.set(i, plan.walk(selection, segments.get(i), plan.maxPieces(), failed::get));
                }
            } catch (RuntimeException | Error e) {
                failed.set(true);
                throw e;
            }
        };
        List<Future<?>> others = new ArrayList<>();
        for (int k = 1; k < Math.min(threads, segments.size()); k++) {
            others.add(SearchThreads.submit(worker));
        }
        RuntimeException failure = null;
        try {
            worker.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : others) {
            RuntimeException e = SearchThreads.join(f);
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        List<SegmentResult> out = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            out.add(results.get(i));
        }
        return out;
    }
}
