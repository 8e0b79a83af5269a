package org.salientsi.api.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.salientsi.api.error.UnknownPluginException;

/**
 * The providers of one plugin kind, by name. Thread-safe.
 *
 * <p>{@link #load} finds providers with {@link ServiceLoader} (a jar lists them in
 * {@code META-INF/services/<provider interface>}); {@link #register} adds one explicitly, for tests
 * and class loaders that {@code ServiceLoader} cannot see, and replaces a provider of the same name.
 * The default provider of a kind is, in order: the name in the system property
 * {@code salientsi.default.<kind>}, the name in the environment variable
 * {@code SALIENTSI_DEFAULT_<KIND>}, or the provider with the lowest {@link Plugin#rank()} (ties by
 * name).
 *
 * @param <P> the provider interface
 */
public final class PluginRegistry<P extends Plugin> {

    private final Class<P> type;
    private final String kind;
    private final Map<String, P> providers = new ConcurrentHashMap<>();
    private final List<String> loadErrors = new ArrayList<>();

    private PluginRegistry(Class<P> type, String kind) {
        this.type = Objects.requireNonNull(type, "type");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * @param type the provider interface
     * @param kind what the plugins are, for messages ("saliency method")
     * @param <P> the provider interface
     * @return a registry with no provider
     */
    public static <P extends Plugin> PluginRegistry<P> empty(Class<P> type, String kind) {
        return new PluginRegistry<>(type, kind);
    }

    /**
     * Finds the providers on the class path. A provider that fails to load is skipped and its error
     * kept in {@link #loadErrors()}.
     *
     * @param type the provider interface
     * @param kind what the plugins are, for messages
     * @param <P> the provider interface
     * @return the registry
     */
    public static <P extends Plugin> PluginRegistry<P> load(Class<P> type, String kind) {
        PluginRegistry<P> registry = new PluginRegistry<>(type, kind);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Iterator<P> it = ServiceLoader.load(type, loader == null ? type.getClassLoader() : loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                registry.register(it.next());
            } catch (ServiceConfigurationError e) {
                synchronized (registry.loadErrors) {
                    registry.loadErrors.add(e.getMessage());
                }
            }
        }
        return registry;
    }

    /** @return the provider interface */
    public Class<P> type() {
        return type;
    }

    /** @return what the plugins are, for messages */
    public String kind() {
        return kind;
    }

    /**
     * Adds a provider, replacing one of the same name.
     *
     * @param provider the provider
     * @return this registry
     */
    public PluginRegistry<P> register(P provider) {
        Objects.requireNonNull(provider, "provider");
        providers.put(provider.name().toLowerCase(Locale.ROOT), provider);
        return this;
    }

    /**
     * @param name a plugin name, case-insensitive
     * @return the provider, if registered
     */
    public Optional<P> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(providers.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * @param name a plugin name, case-insensitive
     * @return the provider
     * @throws UnknownPluginException if none has that name; the message lists the known names
     */
    public P get(String name) {
        return find(name).orElseThrow(() -> new UnknownPluginException(kind, name, names()));
    }

    /** @return the providers, by rank then name */
    public List<P> all() {
        List<P> list = new ArrayList<>(providers.values());
        list.sort(Comparator.comparingInt((P p) -> p.rank()).thenComparing(p -> p.name().toLowerCase(Locale.ROOT)));
        return list;
    }

    /** @return the registered names, by rank then name */
    public List<String> names() {
        return all().stream().map(Plugin::name).toList();
    }

    /**
     * @return the default provider (see the class documentation)
     * @throws UnknownPluginException if the configured default is unknown or nothing is registered
     */
    public P defaultProvider() {
        String key = kind.toLowerCase(Locale.ROOT).replace(' ', '-');
        String configured = System.getProperty("salientsi.default." + key);
        if (configured == null) {
            configured = System.getenv("SALIENTSI_DEFAULT_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        if (configured != null && !configured.isBlank()) {
            return get(configured.trim());
        }
        List<P> all = all();
        if (all.isEmpty()) {
            throw new UnknownPluginException(kind, "(default)", List.of());
        }
        return all.get(0);
    }

    /** @return messages of providers that failed to load */
    public List<String> loadErrors() {
        synchronized (loadErrors) {
            return List.copyOf(loadErrors);
        }
    }

    @Override
    public String toString() {
        return kind + " registry " + names();
    }
}
