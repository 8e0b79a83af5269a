package org.salientsi.core.search;

import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.result.StopReason;

/**
 * When the parametric search may stop (Shiraishi et al., arXiv 2307.11351): after exploring the whole
 * range ({@code exhaustive}), once the bounds on the selective p-value are within {@code eps}
 * ({@code precision}), or once they lie on one side of {@code alpha} ({@code decision}).
 *
 * @param reason the kind
 * @param value eps or alpha (NaN for exhaustive)
 */
public record Termination(StopReason reason, double value) {

    /**
     * @throws InvalidInputException if the value is outside (0, 1) for precision and decision
     */
    public Termination {
        if (reason == null) {
            throw new InvalidInputException("termination needs a kind");
        }
        if (reason == StopReason.TIME_LIMIT || reason == StopReason.CERTIFIED) {
            throw new InvalidInputException("'" + reason.label() + "' is how a search ended, not a termination rule");
        }
        if (reason != StopReason.EXHAUSTIVE && !(value > 0 && value < 1)) {
            throw new InvalidInputException("termination " + reason.label() + " needs a value in (0, 1), got "
                    + value);
        }
    }

    /** @return explore the whole range */
    public static Termination exhaustive() {
        return new Termination(StopReason.EXHAUSTIVE, Double.NaN);
    }

    /**
     * @param eps the largest allowed width of the p-value bounds
     * @return stop once {@code upper - lower <= eps}
     */
    public static Termination precision(double eps) {
        return new Termination(StopReason.PRECISION, eps);
    }

    /**
     * @param alpha the significance level
     * @return stop once the decision {@code p <= alpha} is known
     */
    public static Termination decision(double alpha) {
        return new Termination(StopReason.DECISION, alpha);
    }

    /**
     * @param text {@code exhaustive}, {@code precision:EPS} or {@code decision:ALPHA}
     * @return the termination
     * @throws InvalidInputException on any other text
     */
    public static Termination parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("exhaustive")) {
            return exhaustive();
        }
        int colon = t.indexOf(':');
        if (colon > 0) {
            String kind = t.substring(0, colon);
            double v;
            try {
                v = Double.parseDouble(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("termination '" + text + "' needs a number after the colon");
            }
            if (kind.equals("precision")) {
                return precision(v);
            }
            if (kind.equals("decision")) {
                return decision(v);
            }
        }
        throw new InvalidInputException("unknown termination '" + text
                + "'; known: exhaustive, precision:EPS, decision:ALPHA");
    }

    /**
     * @param lower lower bound on the p-value
     * @param upper upper bound
     * @return whether the search may stop
     */
    public boolean satisfied(double lower, double upper) {
        return switch (reason) {
            case EXHAUSTIVE -> false;
            case PRECISION -> upper - lower <= value;
            case DECISION -> upper <= value || lower > value;
            case TIME_LIMIT, CERTIFIED -> throw new IllegalStateException("not a termination rule");
        };
    }

    @Override
    public String toString() {
        return reason == StopReason.EXHAUSTIVE ? "exhaustive" : reason.label() + ":" + value;
    }
}
