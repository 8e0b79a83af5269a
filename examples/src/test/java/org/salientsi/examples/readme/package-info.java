/** The README's Java code, read from README.md, compiled and built as a user's project of its own. */
package org.salientsi.examples.readme;
