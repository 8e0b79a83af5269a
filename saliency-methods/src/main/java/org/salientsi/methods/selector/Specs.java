package org.salientsi.methods.selector;

import org.salientsi.api.error.InvalidInputException;

/** Parsing and printing the arguments of selector specifications ({@code name:argument}). */
final class Specs {

    private Specs() {
    }

    /**
     * @param spec the selector's name, for messages
     * @param argument the text after the colon, or {@code null}
     * @param fallback the value when there is no argument ({@code NaN}: required)
     * @return the finite number
     * @throws InvalidInputException if it is missing, not a number or not finite
     */
    static double number(String spec, String argument, double fallback) {
        if (argument == null || argument.isBlank()) {
            if (Double.isNaN(fallback)) {
                throw new InvalidInputException("selector " + spec + " needs a number after the colon, e.g. " + spec
                        + ":10");
            }
            return fallback;
        }
        double v;
        try {
            v = Double.parseDouble(argument.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("selector " + spec + ":" + argument + " needs a number after the colon");
        }
        if (!Double.isFinite(v)) {
            throw new InvalidInputException("selector " + spec + ":" + argument + " needs a finite number");
        }
        return v;
    }

    /** @return the shortest text of {@code v} (an integer without a decimal point) */
    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
