package org.salientsi.api.selection;

import org.salientsi.api.spi.Plugin;

/**
 * Provides a region selector; the specification {@code name:argument} (as in {@code threshold:0})
 * gives the argument. Listed in
 * {@code META-INF/services/org.salientsi.api.selection.RegionSelectorProvider}.
 */
public interface RegionSelectorProvider extends Plugin {

    /**
     * @param argument the text after the colon, or {@code null}
     * @return the selector
     * @throws org.salientsi.api.error.InvalidInputException if the argument is malformed
     */
    RegionSelector create(String argument);
}
