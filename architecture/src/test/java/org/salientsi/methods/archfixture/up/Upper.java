package org.salientsi.methods.archfixture.up;

import org.salientsi.methods.archfixture.down.Lower;

/** With {@link Lower}: a cycle between two packages of one module. */
public final class Upper {
    public Lower lower;
}
