package org.salientsi.core.archfixture;

import org.salientsi.io.archfixture.IoNamingCore;

/** Breaks "core knows only the api": core that names io. */
public final class CoreNamingIo {
    public IoNamingCore io;
}
