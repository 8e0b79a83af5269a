package org.salientsi.validation.archfixture;

/** Keeps "sanity and validation are independent": a validation class that names no sanity check. */
public final class ValidationHelper {
    public int trials;
}
