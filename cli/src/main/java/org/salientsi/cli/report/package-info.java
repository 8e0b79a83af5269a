/** Self-contained HTML reports with PNG pictures of images, maps and regions. */
package org.salientsi.cli.report;
