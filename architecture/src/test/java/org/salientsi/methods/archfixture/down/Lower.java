package org.salientsi.methods.archfixture.down;

import org.salientsi.methods.archfixture.up.Upper;

/** With {@link Upper}: a cycle between two packages of one module. */
public final class Lower {
    public Upper upper;
}
