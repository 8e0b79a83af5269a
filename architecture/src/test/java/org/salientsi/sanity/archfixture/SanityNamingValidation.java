package org.salientsi.sanity.archfixture;

import org.salientsi.validation.archfixture.ValidationHelper;

/** Breaks "sanity and validation are independent": a sanity check that names a validation class. */
public final class SanityNamingValidation {
    public ValidationHelper study;
}
