package org.salientsi.validation.archfixture;

import org.salientsi.sanity.archfixture.SanityHelper;

/** Breaks "sanity and validation are independent": a validation study that names a sanity class. */
public final class ValidationNamingSanity {
    public SanityHelper check;
}
