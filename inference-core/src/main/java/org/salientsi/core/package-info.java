/**
 * SalientSI's inference core: evaluation of the IR at a point and along the test line, the truncated
 * normal over interval unions, and the parametric search that gives exact selective p-values.
 */
package org.salientsi.core;
