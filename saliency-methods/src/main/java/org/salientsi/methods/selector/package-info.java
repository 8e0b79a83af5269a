/** Region selectors: which pixels of a saliency map form the region to test. */
package org.salientsi.methods.selector;
