/**
 * Exactness of the methods and selectors on the test line: line maps against point maps inside every
 * piece, and the truncation sets of the search against brute-force point selection on a fine grid.
 */
package org.salientsi.methods.exact;
