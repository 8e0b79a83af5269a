/**
 * Results of a selective test and their provenance, with the JSON form of DESIGN.md section 4.
 */
package org.salientsi.api.result;
