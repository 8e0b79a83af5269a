/**
 * Connected components of a selected region ({@code --components 4|8}): the labelling
 * ({@link org.salientsi.core.region.ConnectedComponents}) and the option that asks for per-component tests
 * ({@link org.salientsi.core.region.ComponentSplit}). Components and the size filter are functions of the
 * selected region alone, so a test that conditions on the region stays valid for each component.
 */
package org.salientsi.core.region;
