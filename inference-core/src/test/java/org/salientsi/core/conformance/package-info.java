/**
 * The backend conformance kit: an abstract JUnit test that every model backend's test module extends
 * (shipped in this module's test-jar).
 */
package org.salientsi.core.conformance;
