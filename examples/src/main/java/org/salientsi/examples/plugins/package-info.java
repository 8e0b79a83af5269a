/**
 * Two plugins, each packaged in a jar of its own by this module's build (classifiers
 * {@code method-plugin} and {@code statistic-plugin}, with their {@code META-INF/services} files from
 * {@code src/plugins}): a saliency method and a test statistic that SalientSI finds with
 * {@link java.util.ServiceLoader} once the jar is on the class path, from the Java API and from
 * {@code salientsi test --method first-activation --statistic local-contrast}.
 */
package org.salientsi.examples.plugins;
