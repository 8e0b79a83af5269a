package org.salientsi.api.spi;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.salientsi.api.error.InvalidInputException;

/**
 * Named string options passed to a plugin (for example {@code target=3}, {@code cam-layer=up1}).
 * Immutable; {@link #with(String, String)} returns a copy. Keys are kept sorted, so that the options
 * echo deterministically into provenance.
 */
public final class Parameters {

    private static final Parameters EMPTY = new Parameters(new TreeMap<>());

    private final TreeMap<String, String> values;

    private Parameters(TreeMap<String, String> values) {
        this.values = values;
    }

    /** @return no options */
    public static Parameters empty() {
        return EMPTY;
    }

    /**
     * @param values options, copied; null values are dropped
     * @return the parameters
     */
    public static Parameters of(Map<String, String> values) {
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return new Parameters(copy);
    }

    /**
     * @param key option name
     * @param value its value, or {@code null} to remove it
     * @return a copy with the option set
     */
    public Parameters with(String key, String value) {
        TreeMap<String, String> copy = new TreeMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new Parameters(copy);
    }

    /**
     * @param key option name
     * @return the value, if set
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param key option name
     * @param fallback value when unset
     * @return the value as an int
     * @throws InvalidInputException if the value is not an integer
     */
    public int getInt(String key, int fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("option " + key + " must be an integer, got '" + v + "'");
        }
    }

    /**
     * @param key option name
     * @param fallback value when unset
     * @return the value as a finite double
     * @throws InvalidInputException if the value is not a finite number
     */
    public double getDouble(String key, double fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("option " + key + " must be a finite number, got '" + v + "'");
        }
    }

    /** @return the options as an unmodifiable sorted map */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** @return whether there is no option */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
