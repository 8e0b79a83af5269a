package org.salientsi.reports.archfixture;

import org.salientsi.validation.archfixture.ValidationHelper;

/** Breaks "reports knows only the api": a page helper that names a validation class. */
public final class ReportsNamingValidation {
    public ValidationHelper study;
}
