/** Tests of the reverse passes: finite differences, line patterns, and PyTorch reference gradients. */
package org.salientsi.core.grad;
