package org.salientsi.core.archfixture;

import org.salientsi.api.archfixture.ApiValue;

/** Keeps every rule: a core class that uses the api only and never prints. */
public final class CoreHelper {
    public int count(ApiValue value) {
        return value.names().size();
    }
}
