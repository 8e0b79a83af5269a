package org.salientsi.backend.dl4j.archfixture;

import org.salientsi.api.archfixture.ApiValue;

/** Keeps every rule: a backend class on the api alone. */
public final class Dl4jHelper {
    public ApiValue value;
}
