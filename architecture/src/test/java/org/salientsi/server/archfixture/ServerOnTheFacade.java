package org.salientsi.server.archfixture;

import org.salientsi.core.archfixture.CoreHelper;

/** Keeps "the server sits on the facade": an endpoint that uses the engine (here: a core class). */
public final class ServerOnTheFacade {
    public CoreHelper engine;
}
