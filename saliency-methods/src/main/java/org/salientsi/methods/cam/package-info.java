/**
 * Class activation mapping (Zhou et al., CVPR 2016), the saliency method of Miwa, Duy and Takeuchi
 * (ICLR 2023).
 */
package org.salientsi.methods.cam;
