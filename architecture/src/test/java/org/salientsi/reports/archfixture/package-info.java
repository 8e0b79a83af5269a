/** Test fixture for the architecture rules' own tests: classes that keep or break a rule on purpose. */
package org.salientsi.reports.archfixture;
