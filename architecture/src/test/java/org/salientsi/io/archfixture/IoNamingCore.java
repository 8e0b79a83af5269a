package org.salientsi.io.archfixture;

import org.salientsi.core.archfixture.CoreHelper;

/** Breaks "io knows only the api": a reader that names inference-core. */
public final class IoNamingCore {
    public CoreHelper core;
}
