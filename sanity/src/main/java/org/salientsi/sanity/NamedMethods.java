package org.salientsi.sanity;

import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.sanity.map.ControlMethods;

/**
 * Resolves saliency-method names for a sanity check: the controls of {@link ControlMethods}, else a
 * plugin from the registry. Stateless.
 */
public final class NamedMethods {

    private NamedMethods() {
    }

    /**
     * @param names method names ({@code cam}, {@code gradient}, {@code control-random}, ...)
     * @param registry the installed saliency-method plugins
     * @param network the network
     * @param parameters plugin options
     * @param seed seed of the random control
     * @return the methods, in the given order
     * @throws org.salientsi.api.error.UnknownPluginException if a name is neither a control nor installed
     */
    public static List<SaliencyMethod> resolve(List<String> names, PluginRegistry<SaliencyMethodProvider> registry,
                                               Network network, Parameters parameters, long seed) {
        List<SaliencyMethod> out = new ArrayList<>();
        for (String n : names) {
            out.add(ControlMethods.find(n, network, seed)
                    .orElseGet(() -> registry.get(n.trim()).create(network, parameters)));
        }
        return out;
    }
}
