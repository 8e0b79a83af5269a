/**
 * Studies of the attention method on Vision Transformers (issue 24): validity of the certified p-value bounds
 * under the null, and a grid approximation of the truncation set like the published one (Shiraishi et al.,
 * ICML 2024) set side by side with the certificate.
 */
package org.salientsi.validation.attention;
