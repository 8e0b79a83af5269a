/** Validity and false-discovery-rate studies of the per-component tests ({@code --components}). */
package org.salientsi.cli.components;
