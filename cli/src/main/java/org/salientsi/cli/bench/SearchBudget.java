package org.salientsi.cli.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.LongAdder;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.selection.RegionSelectorProvider;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.core.plugin.Plugins;

/**
 * A wall-clock budget per selective search, and a count of the pieces a search walks. The core's
 * {@code SelectiveTest} has a piece budget ({@code maxPieces}, a stall guard that fails the search) but no
 * time budget and no cancellation, so the budget rides on the region selector, which the search asks once
 * per linear piece ({@code select} on the piece; also {@code excludes} and {@code includes} on a segment it
 * tries to skip): {@link #apply} wraps every selector plugin in a proxy that forwards each call unchanged
 * and, while a search is {@linkplain #start started}, counts the pieces and throws {@link Exceeded} on the
 * same thread once the budget has passed. The search then ends within one piece of the budget, its state
 * is dropped, and the test runner can be used again. The forwarding costs well under a microsecond per
 * piece. One search at a time, started and finished on one thread; the search may call the selectors
 * from its own threads too (an exhaustive search walks the two sides of T at once): the count and the
 * stop are shared by them, and the first walker past the budget stops the search.
 */
public final class SearchBudget {

    private final long budgetNanos;
    private final LongAdder pieces = new LongAdder();
    private volatile long started;
    private volatile boolean armed;

    private SearchBudget(long budgetNanos) {
        this.budgetNanos = budgetNanos;
    }

    /**
     * @param maxSeconds the longest a search may run, in seconds, finite and {@code > 0}; or {@code null}
     *     for no budget (pieces are still counted)
     * @return the budget
     * @throws InvalidInputException if the seconds are not finite and positive
     */
    public static SearchBudget of(Double maxSeconds) {
        if (maxSeconds == null) {
            return new SearchBudget(Long.MAX_VALUE);
        }
        if (!(maxSeconds > 0) || maxSeconds.isInfinite()) {
            throw new InvalidInputException("--max-seconds must be a finite number of seconds > 0, got " + maxSeconds);
        }
        return new SearchBudget((long) Math.min(maxSeconds * 1e9, Long.MAX_VALUE / 2.0));
    }

    /** @return the budget in seconds, or {@code null} for none */
    public Double seconds() {
        return budgetNanos == Long.MAX_VALUE ? null : budgetNanos / 1e9;
    }

    /**
     * @param plugins the installed plugins
     * @return the same plugins, with every selector watched by this budget
     */
    public Plugins apply(Plugins plugins) {
        PluginRegistry<RegionSelectorProvider> original = plugins.selectors();
        PluginRegistry<RegionSelectorProvider> watched = PluginRegistry.empty(RegionSelectorProvider.class,
                original.kind());
        for (RegionSelectorProvider p : original.all()) {
            watched.register(proxy(RegionSelectorProvider.class, p, (method, args, delegate) -> {
                Object value = forward(method, delegate, args);
                return method.getName().equals("create") && value instanceof RegionSelector s ? watch(s) : value;
            }));
        }
        return new Plugins(plugins.backends(), plugins.methods(), watched, plugins.statistics());
    }

    /** Starts the clock and the piece count of a search on this thread. */
    public void start() {
        pieces.reset();
        started = System.nanoTime();
        armed = true;
    }

    /** Ends the search's watch: selectors called after it are not counted and never stop. */
    public void finish() {
        armed = false;
    }

    /** @return the pieces of the current or last search so far */
    public long pieces() {
        return pieces.sum();
    }

    /** @return seconds since {@link #start} */
    public double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private RegionSelector watch(RegionSelector selector) {
        return proxy(RegionSelector.class, selector, (method, args, delegate) -> {
            if (armed) {
                String name = method.getName();
                boolean piece = name.equals("select") && args != null && args.length == 3
                        && args[0] instanceof LinearMap;
                if (piece) {
                    pieces.increment();
                }
                if ((piece || name.equals("excludes") || name.equals("includes"))
                        && System.nanoTime() - started > budgetNanos) {
                    throw new Exceeded(elapsedSeconds(), pieces.sum());
                }
            }
            return forward(method, delegate, args);
        });
    }

    /** A call on a proxied plugin. */
    private interface Call<T> {
        Object invoke(Method method, Object[] args, T delegate) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T delegate, Call<T> call) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "watched " + delegate;
                };
            }
            return call.invoke(method, args, delegate);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object forward(Method method, Object delegate, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A search that ran out of its time budget; thrown out of the search on its own thread. */
    public static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final double seconds;
        private final long pieces;

        Exceeded(double seconds, long pieces) {
            super("search stopped after " + seconds + " s and " + pieces + " pieces (budget)", null, false, false);
            this.seconds = seconds;
            this.pieces = pieces;
        }

        /** @return seconds the search ran */
        public double seconds() {
            return seconds;
        }

        /** @return pieces it had walked */
        public long pieces() {
            return pieces;
        }
    }
}
