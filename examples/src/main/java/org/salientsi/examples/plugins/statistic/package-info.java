/** A custom test statistic plugin: the region's mean against the ring of pixels around it. */
package org.salientsi.examples.plugins.statistic;
