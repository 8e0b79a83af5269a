/**
 * Adjustments of several selective p-values for multiplicity, shared by the command line, the facade and the
 * server: Benjamini-Hochberg (false discovery rate under independence or positive dependence; a batch's
 * {@code bh_p}), Benjamini-Yekutieli (false discovery rate under any dependence; the default for the components
 * of a region, whose p-values share one selection event), Holm (family-wise error; {@code salientsi compare}),
 * all on one validated ascending order of the p-values ({@link org.salientsi.core.multiplicity.PValueOrder}), and
 * the adjustment of a family of per-component tests ({@link org.salientsi.core.multiplicity.ComponentFamily}).
 */
package org.salientsi.core.multiplicity;
