package org.salientsi.methods.support;

import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.spi.Parameters;

/** Reading the numeric options that several methods share, with typed errors naming the option. */
public final class MethodOptions {

    private MethodOptions() {
    }

    /**
     * @param parameters options
     * @param key option name
     * @param fallback value when unset
     * @param max largest allowed value
     * @return the value, in {@code [1, max]}
     * @throws InvalidInputException if it is not an integer in range
     */
    public static int positiveInt(Parameters parameters, String key, int fallback, int max) {
        int v = parameters.getInt(key, fallback);
        if (v < 1 || v > max) {
            throw new InvalidInputException("option " + key + " must be an integer from 1 to " + max + ", got " + v);
        }
        return v;
    }

    /**
     * @param parameters options
     * @param key option name
     * @param fallback value when unset
     * @return the value, finite and {@code > 0}
     * @throws InvalidInputException if it is not a positive number
     */
    public static double positive(Parameters parameters, String key, double fallback) {
        double v = parameters.getDouble(key, fallback);
        if (!(v > 0)) {
            throw new InvalidInputException("option " + key + " must be a number > 0, got " + v);
        }
        return v;
    }

    /**
     * @param parameters options
     * @param key option name
     * @param fallback value when unset
     * @return the value as a long
     * @throws InvalidInputException if it is not an integer
     */
    public static long longValue(Parameters parameters, String key, long fallback) {
        String v = parameters.get(key).orElse(null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("option " + key + " must be an integer, got '" + v + "'");
        }
    }
}
