package org.salientsi.core.multiplicity;

import java.util.Locale;
import org.salientsi.api.error.InvalidOptionException;

/**
 * The false-discovery-rate adjustment of per-component p-values ({@code --fdr}): Benjamini-Yekutieli (the
 * default, proven under any dependence) or Benjamini-Hochberg (more powerful, proven only for independent or
 * positively dependent p-values, which the components of one region are not shown to be).
 */
public enum FdrMethod {
    /** Benjamini-Yekutieli: valid under any dependence. */
    BY("Benjamini-Yekutieli", "valid under any dependence between the p-values"),
    /** Benjamini-Hochberg: not proven for these dependent p-values. */
    BH("Benjamini-Hochberg", "not proven for these dependent p-values (components share the selection event)");

    private final String title;
    private final String note;

    FdrMethod(String title, String note) {
        this.title = title;
        this.note = note;
    }

    /**
     * @param text {@code by} or {@code bh}, any case
     * @return the method
     * @throws InvalidOptionException naming {@code fdr} for any other text
     */
    public static FdrMethod parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (FdrMethod m : values()) {
            if (m.label().equals(t)) {
                return m;
            }
        }
        throw InvalidOptionException.of("fdr", "must be by (Benjamini-Yekutieli, the default) or bh "
                + "(Benjamini-Hochberg, not proven for dependent p-values), got '" + (text == null ? "" : text.trim())
                + "'");
    }

    /** @return the name written in JSON ({@code fdr_method}) and typed on the command line */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return its authors' names */
    public String title() {
        return title;
    }

    /** @return what it guarantees for per-component p-values, as the output says it ({@code fdr_note}) */
    public String note() {
        return note;
    }

    /**
     * @param p p-values in [0, 1]
     * @return the adjusted p-values, in the same order
     */
    public double[] adjust(double[] p) {
        return this == BY ? BenjaminiYekutieli.adjust(p) : BenjaminiHochberg.adjust(p);
    }
}
