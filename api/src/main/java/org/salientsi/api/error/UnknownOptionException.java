package org.salientsi.api.error;

import java.util.Collection;
import java.util.List;

/**
 * An option key that the plugin it was given to does not read (a misspelt {@code --method-option}, an
 * option of another method). Refused rather than recorded as if it had been used; the message lists the
 * plugin's known keys.
 */
public class UnknownOptionException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String plugin;
    private final String key;
    private final List<String> known;

    /**
     * @param kind what the plugin is ("saliency method", ...)
     * @param plugin the plugin's name
     * @param key the unknown key
     * @param known the keys the plugin reads, in the order to list them
     */
    public UnknownOptionException(String kind, String plugin, String key, Collection<String> known) {
        super("unknown option '" + key + "' of " + kind + " '" + plugin + "'; known: "
                + (known.isEmpty() ? "(none: it takes no option)" : String.join(", ", known)));
        this.plugin = plugin;
        this.key = key;
        this.known = List.copyOf(known);
    }

    /** @return the plugin's name */
    public String plugin() {
        return plugin;
    }

    /** @return the unknown key */
    public String key() {
        return key;
    }

    /** @return the keys the plugin reads */
    public List<String> known() {
        return known;
    }
}
