/**
 * SalientSI embedded in a Java program through its API alone (no command line): load a model through
 * the backend plugins, bind a saliency method, a selector and a statistic, and run selective tests.
 */
package org.salientsi.examples.embed;
