/** Type-I error validity of the selective test on CAM networks of the paper's architecture. */
package org.salientsi.methods.validity;
