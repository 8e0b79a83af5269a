package org.salientsi.core.search;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that walk segments of searches concurrently: one cached pool of daemon threads shared by
 * every search of the JVM (a thread is made when none is idle and ends after a minute idle), so that a
 * search never owns threads that outlive it and a process never waits for them to exit.
 */
final class SearchThreads {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "salientsi-search-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private SearchThreads() {
    }

    /**
     * @param task a segment's walk
     * @return its future
     */
    static Future<?> submit(Runnable task) {
        return POOL.submit(task);
    }

    /**
     * Waits for a task.
     *
     * @param future the task
     * @return the runtime exception it threw, or null
     * @throws Error an error it threw, as it is
     */
    static RuntimeException join(Future<?> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get();
                    return null;
                } catch (InterruptedException e) {
                    // the task holds the search's state: wait for it to finish, then keep the interrupt
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        return r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    return new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
