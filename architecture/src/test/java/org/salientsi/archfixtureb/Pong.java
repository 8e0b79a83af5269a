package org.salientsi.archfixtureb;

import org.salientsi.archfixturea.Ping;

/** With {@link Ping}: a cycle between two top-level packages (two modules). */
public final class Pong {
    public Ping ping;
}
