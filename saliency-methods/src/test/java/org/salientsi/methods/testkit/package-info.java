/** Networks and reference computations shared by the saliency-method tests. */
package org.salientsi.methods.testkit;
