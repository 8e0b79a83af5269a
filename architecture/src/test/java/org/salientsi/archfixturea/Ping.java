package org.salientsi.archfixturea;

import org.salientsi.archfixtureb.Pong;

/** With {@link Pong}: a cycle between two top-level packages (two modules). */
public final class Ping {
    public Pong pong;
}
