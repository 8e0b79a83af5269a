package org.salientsi.api.error;

import java.util.Collection;
import java.util.List;

/** A plugin name that no registered provider declares. The message lists the known names. */
public class UnknownPluginException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String name;
    private final List<String> known;

    /**
     * @param kind what was looked up ("saliency method", "backend", ...)
     * @param name the unknown name
     * @param known the names that are registered
     */
    public UnknownPluginException(String kind, String name, Collection<String> known) {
        super("unknown " + kind + " '" + name + "'; known: "
                + (known.isEmpty() ? "(none installed)" : String.join(", ", known)));
        this.kind = kind;
        this.name = name;
        this.known = List.copyOf(known);
    }

    /** @return what was looked up */
    public String kind() {
        return kind;
    }

    /** @return the unknown name */
    public String name() {
        return name;
    }

    /** @return the registered names at the time of the lookup */
    public List<String> known() {
        return known;
    }
}
