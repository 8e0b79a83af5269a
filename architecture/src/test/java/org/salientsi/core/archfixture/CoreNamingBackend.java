package org.salientsi.core.archfixture;

import org.salientsi.backend.dl4j.archfixture.Dl4jHelper;

/** Breaks "core knows only the api": core that names a backend. */
public final class CoreNamingBackend {
    public Dl4jHelper backend;
}
