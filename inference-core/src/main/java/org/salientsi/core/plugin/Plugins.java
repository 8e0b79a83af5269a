package org.salientsi.core.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.salientsi.api.backend.ModelBackendProvider;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.UnknownOptionException;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.selection.RegionSelectorProvider;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.api.statistic.TestStatisticProvider;

/**
 * The installed plugins of every kind, and the resolution of the names users type ({@code --method},
 * {@code --selector threshold:0}, {@code --statistic}, {@code --backend} or a model's file type).
 * Thread-safe. Build it with {@link #load()} or inject it through {@link SalientModule}.
 *
 * @param backends model backends
 * @param methods saliency methods
 * @param selectors region selectors
 * @param statistics test statistics
 */
public record Plugins(PluginRegistry<ModelBackendProvider> backends,
                      PluginRegistry<SaliencyMethodProvider> methods,
                      PluginRegistry<RegionSelectorProvider> selectors,
                      PluginRegistry<TestStatisticProvider> statistics) {

    /** Checks the registries. */
    public Plugins {
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(selectors, "selectors");
        Objects.requireNonNull(statistics, "statistics");
    }

    /** @return the plugins on the class path */
    public static Plugins load() {
        return new Plugins(PluginRegistry.load(ModelBackendProvider.class, "backend"),
                PluginRegistry.load(SaliencyMethodProvider.class, "saliency method"),
                PluginRegistry.load(RegionSelectorProvider.class, "selector"),
                PluginRegistry.load(TestStatisticProvider.class, "statistic"));
    }

    /**
     * @param file a model file
     * @param name a backend name, or {@code null} to choose by file type
     * @return the backend provider
     * @throws org.salientsi.api.error.UnknownPluginException if the named backend is not installed
     * @throws InvalidInputException if no installed backend opens the file type
     */
    public ModelBackendProvider backendFor(Path file, String name) {
        if (name != null && !name.isBlank()) {
            return backends.get(name.trim());
        }
        List<ModelBackendProvider> all = backends.all();
        if (all.isEmpty()) {
            throw new InvalidInputException("no model backend is installed, so model " + file
                    + " cannot be opened; put salientsi-backend-dl4j or salientsi-backend-onnx on the class path");
        }
        for (ModelBackendProvider p : all) {
            if (p.canOpen(file)) {
                return p;
            }
        }
        StringBuilder known = new StringBuilder();
        for (ModelBackendProvider p : all) {
            known.append(known.length() == 0 ? "" : "; ").append(p.name()).append(' ').append(p.fileExtensions());
        }
        throw new InvalidInputException("no installed backend opens model " + file + " (by its file type); installed: "
                + known + "; or name one with --backend");
    }

    /**
     * @param name a method name
     * @param network the network to explain
     * @param parameters options ({@code target}, {@code cam-layer}, ...), each one the method reads
     * @return the method bound to the network
     * @throws org.salientsi.api.error.UnknownPluginException if no method has the name
     * @throws UnknownOptionException if the method declares its options and one of the given ones is not
     *     among them
     */
    public SaliencyMethod method(String name, Network network, Parameters parameters) {
        SaliencyMethodProvider provider = methods.get(name);
        checkOptions(provider, parameters);
        return provider.create(network, parameters);
    }

    /**
     * Checks a method's options before any network is at hand (a study, a tester of a size-free model).
     *
     * @param name a method name
     * @param parameters its options
     * @throws org.salientsi.api.error.UnknownPluginException if no method has the name
     * @throws UnknownOptionException if the method declares its options and one of the given ones is not
     *     among them
     */
    public void checkMethodOptions(String name, Parameters parameters) {
        checkOptions(methods.get(name), parameters);
    }

    private static void checkOptions(SaliencyMethodProvider provider, Parameters parameters) {
        Optional<Set<String>> keys = provider.optionKeys();
        if (keys.isEmpty()) {
            return;
        }
        for (String key : parameters.asMap().keySet()) {
            if (!keys.get().contains(key)) {
                throw new UnknownOptionException("saliency method", provider.name(), key, new TreeSet<>(keys.get()));
            }
        }
    }

    /**
     * @param spec {@code name} or {@code name:argument}, e.g. {@code threshold:0}
     * @return the selector
     */
    public RegionSelector selector(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("--selector needs a value such as threshold:0");
        }
        String s = spec.trim();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        String argument = colon < 0 ? null : s.substring(colon + 1);
        return selectors.get(name).create(argument);
    }

    /**
     * @param name a statistic name
     * @param parameters options
     * @return the statistic
     */
    public TestStatistic statistic(String name, Parameters parameters) {
        return statistics.get(name).create(parameters);
    }
}
