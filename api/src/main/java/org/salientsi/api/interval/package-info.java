/**
 * Intervals of the real line and finite unions of them, the form a selective-inference truncation
 * set takes on the test line.
 */
package org.salientsi.api.interval;
