package org.salientsi.api.saliency;

import java.util.Optional;
import java.util.Set;
import org.salientsi.api.ir.Network;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.Plugin;

/**
 * Provides a saliency method ({@code cam}, {@code gradient}, ...), listed in
 * {@code META-INF/services/org.salientsi.api.saliency.SaliencyMethodProvider}.
 */
public interface SaliencyMethodProvider extends Plugin {

    /**
     * @param network the network to explain
     * @param parameters options such as {@code target} and {@code cam-layer}
     * @return the method bound to the network
     * @throws org.salientsi.api.error.InvalidInputException if the network or options do not suit
     */
    SaliencyMethod create(Network network, Parameters parameters);

    /**
     * The option keys {@link #create} reads ({@code target}, {@code cam-layer}, {@code m}, ...), so that a key
     * it does not read is refused with the known ones listed
     * ({@link org.salientsi.api.error.UnknownOptionException}) instead of being recorded as if it had been
     * used. Providers written before this declaration existed return the default, empty: their options are
     * then passed through unchecked.
     *
     * @return the keys, an empty set for a method without options; empty when not declared
     */
    default Optional<Set<String>> optionKeys() {
        return Optional.empty();
    }
}
