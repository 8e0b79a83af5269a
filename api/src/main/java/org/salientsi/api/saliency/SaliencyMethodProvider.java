package org.salientsi.api.saliency;

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
}
