package org.salientsi.api.archfixture;

import org.salientsi.core.archfixture.CoreHelper;

/** Breaks "api knows no implementation": an api class that names a core class. */
public final class ApiNamingCore {
    public CoreHelper helper;
}
