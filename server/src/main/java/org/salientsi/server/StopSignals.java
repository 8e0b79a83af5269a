package org.salientsi.server;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop, so that a server stopped by a signal exits with
 * status 0 after its graceful stop. The JVM's own handling runs the shutdown hooks and then exits
 * with 128 + the signal's number (143 for SIGTERM) whatever the hooks do; a handler installed here
 * replaces it for these two signals: it starts the stop on a thread of its own and returns, and the
 * command, whose server has then stopped, returns normally and exits 0.
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}, exported, present in every JDK
 * since 1.2 and kept for exactly this use). Where a signal cannot be handled (the JVM runs with
 * {@code -Xrs}, or the platform lacks it) it is left to the JVM: a shutdown hook still stops the
 * server gracefully, but the exit status is then the JVM's.
 */
public final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private StopSignals() {
    }

    /**
     * Handles SIGTERM and SIGINT by running {@code stop} on a new thread (once per signal received;
     * {@code stop} must be idempotent).
     *
     * @param stop what a signal does
     * @return the signals now handled, such as {@code [TERM, INT]}
     */
    public static List<String> install(Runnable stop) {
        List<String> handled = new ArrayList<>();
        for (String name : SIGNALS) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                    Thread t = new Thread(stop, "salientsi-serve-SIG" + name);
                    t.setDaemon(false);
                    t.start();
                });
                handled.add(name);
            } catch (IllegalArgumentException e) {
                LOG.debug("SIG{} left to the JVM: {}", name, e.getMessage());
            }
        }
        return List.copyOf(handled);
    }
}
