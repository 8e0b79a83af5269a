/** A custom saliency method plugin: the summed activation of the network's first ReLU layer. */
package org.salientsi.examples.plugins.method;
