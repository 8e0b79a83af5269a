/**
 * Runs validation studies on Apache Spark. Nothing here yet: the executor arrives with the
 * validation issue.
 */
package org.salientsi.validation.spark;
