package org.salientsi.api.spi;

import java.util.Set;

/** What every plugin provider declares about itself. */
public interface Plugin {

    /** @return the name users type ({@code --method cam}), lower case, unique within its kind */
    String name();

    /** @return one line saying what the plugin does */
    String description();

    /** @return the provider's rank; the lowest rank is the default of its kind */
    default int rank() {
        return 100;
    }

    /** @return declared capabilities, see {@link Capabilities} */
    default Set<String> capabilities() {
        return Set.of();
    }

    /**
     * @param capability a capability name
     * @return whether it is declared
     */
    default boolean hasCapability(String capability) {
        return capabilities().contains(capability);
    }
}
