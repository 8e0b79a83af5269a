package org.salientsi.reports.archfixture;

import org.salientsi.api.archfixture.ApiValue;

/** Keeps "reports knows only the api": a page helper that names an api value. */
public final class ReportsHelper {
    public ApiValue value;
}
