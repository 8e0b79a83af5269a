/**
 * Test support shared through the test-jar: seeded networks built in Java, random data, and minimal
 * test plugins.
 */
package org.salientsi.core.testing;
