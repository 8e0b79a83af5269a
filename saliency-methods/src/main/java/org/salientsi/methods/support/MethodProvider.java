package org.salientsi.methods.support;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Parameters;

/**
 * What the providers of this module's saliency methods share: a fixed name, description, rank and
 * capabilities, and a constructor that makes the method for a network and its options. Each method's
 * public {@code Provider} (listed for {@link java.util.ServiceLoader}) extends it with a public
 * no-argument constructor.
 */
public abstract class MethodProvider implements SaliencyMethodProvider {

    private final String name;
    private final String description;
    private final int rank;
    private final Set<String> capabilities;
    private final BiFunction<Network, Parameters, SaliencyMethod> factory;
    private final Set<String> options;

    /**
     * @param name the method's name
     * @param description one line for listings
     * @param rank the order in listings (lower first)
     * @param capabilities what the method supports ({@link org.salientsi.api.spi.Capabilities})
     * @param options the option keys the factory reads ({@link #optionKeys()})
     * @param factory makes the method for a network and its options
     */
    protected MethodProvider(String name, String description, int rank, Set<String> capabilities,
                             Set<String> options, BiFunction<Network, Parameters, SaliencyMethod> factory) {
        this.name = name;
        this.description = description;
        this.rank = rank;
        this.capabilities = Set.copyOf(capabilities);
        this.options = options == null ? null : Set.copyOf(options);
        this.factory = factory;
    }

    /**
     * A provider that does not declare its option keys (they are passed through unchecked).
     *
     * @param name the method's name
     * @param description one line for listings
     * @param rank the order in listings (lower first)
     * @param capabilities what the method supports ({@link org.salientsi.api.spi.Capabilities})
     * @param factory makes the method for a network and its options
     */
    protected MethodProvider(String name, String description, int rank, Set<String> capabilities,
                             BiFunction<Network, Parameters, SaliencyMethod> factory) {
        this(name, description, rank, capabilities, null, factory);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public Set<String> capabilities() {
        return capabilities;
    }

    @Override
    public Optional<Set<String>> optionKeys() {
        return Optional.ofNullable(options);
    }

    @Override
    public SaliencyMethod create(Network network, Parameters parameters) {
        return factory.apply(network, parameters);
    }
}
