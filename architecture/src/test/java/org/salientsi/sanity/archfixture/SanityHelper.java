package org.salientsi.sanity.archfixture;

/** Keeps "sanity and validation are independent": a sanity class that names neither validation nor a study. */
public final class SanityHelper {
    public double score;
}
