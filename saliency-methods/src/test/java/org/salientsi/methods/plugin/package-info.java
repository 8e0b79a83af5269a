/** Discovery of the built-in methods and selectors through ServiceLoader and the plugin registries. */
package org.salientsi.methods.plugin;
