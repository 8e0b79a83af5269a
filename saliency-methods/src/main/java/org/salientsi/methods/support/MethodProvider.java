package org.salientsi.methods.support;

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

    /**
     * @param name the method's name
     * @param description one line for listings
     * @param rank the order in listings (lower first)
     * @param capabilities what the method supports ({@link org.salientsi.api.spi.Capabilities})
     * @param factory makes the method for a network and its options
     */
    protected MethodProvider(String name, String description, int rank, Set<String> capabilities,
                             BiFunction<Network, Parameters, SaliencyMethod> factory) {
        this.name = name;
        this.description = description;
        this.rank = rank;
        this.capabilities = Set.copyOf(capabilities);
        this.factory = factory;
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
    public SaliencyMethod create(Network network, Parameters parameters) {
        return factory.apply(network, parameters);
    }
}
