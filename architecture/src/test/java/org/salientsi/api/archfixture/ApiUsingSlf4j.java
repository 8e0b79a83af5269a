package org.salientsi.api.archfixture;

import org.slf4j.Logger;

/** Breaks "api uses only the JDK and Jackson annotations": an api class that needs SLF4J. */
public final class ApiUsingSlf4j {
    public Logger log;
}
