package org.salientsi.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The request-head timeout, which Jetty does not have: a connection must deliver a complete request
 * head (request line and headers) within a time of being opened or of its previous answer, or it is
 * closed. A client that connects and sends nothing, or sends its head a byte at a time, is closed
 * then; so is a keep-alive connection left idle that long. While a request is handled (its head has
 * arrived) the connection is not timed here: its body has its own deadline ({@link BodyReader}) and
 * Jetty's idle timeout covers a stalled answer.
 *
 * <p>A {@link Connection.Listener} on the connector learns of every connection; the handler marks
 * when a request starts ({@link #busy}) and ends ({@link #idle}); a sweep every quarter of the timeout
 * (at most every second) closes the connections over their time, so a connection lives at most
 * 1.25 times the timeout (plus one second) waiting for a head. Thread-safe.
 */
final class HeadDeadline implements Connection.Listener {

    /** When a connection started to wait for a head, or that it is handling a request. */
    private static final class Waiting {
        volatile long sinceNanos;
        volatile boolean busy;

        Waiting(long sinceNanos) {
            this.sinceNanos = sinceNanos;
        }
    }

    private final long timeoutNanos;
    private final long periodMillis;
    private final Map<Connection, Waiting> open = new ConcurrentHashMap<>();
    private final LongAdder closed = new LongAdder();
    private volatile Scheduler scheduler;

    /**
     * @param timeout the longest wait for a request head, positive
     */
    HeadDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.periodMillis = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
    }

    /**
     * Starts the sweeps.
     *
     * @param s the scheduler that runs them (stopped with the server, which ends the sweeps)
     */
    void start(Scheduler s) {
        this.scheduler = s;
        s.schedule(this::sweep, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        open.put(connection, new Waiting(System.nanoTime()));
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    /**
     * @param connection a connection whose request head has arrived
     */
    void busy(Connection connection) {
        Waiting w = open.get(connection);
        if (w != null) {
            w.busy = true;
        }
    }

    /**
     * @param connection a connection whose request has been answered
     */
    void idle(Connection connection) {
        Waiting w = open.get(connection);
        if (w != null) {
            w.sinceNanos = System.nanoTime();
            w.busy = false;
        }
    }

    /** @return connections open now */
    int openConnections() {
        return open.size();
    }

    /** @return connections closed so far for not delivering a request head in time */
    long closedForTimeout() {
        return closed.sum();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Map.Entry<Connection, Waiting> e : open.entrySet()) {
            Waiting w = e.getValue();
            if (!w.busy && now - w.sinceNanos > timeoutNanos) {
                open.remove(e.getKey());
                closed.increment();
                e.getKey().close();
            }
        }
        Scheduler s = scheduler;
        if (s != null && s.isRunning()) {
            s.schedule(this::sweep, periodMillis, TimeUnit.MILLISECONDS);
        }
    }
}
