/**
 * HTML of every report page: one escaping ({@link org.salientsi.reports.html.Html}), one frame with one style sheet
 * ({@link org.salientsi.reports.html.Page}), one way to write numbers ({@link org.salientsi.reports.html.Numbers}),
 * and a builder of simple pages ({@link org.salientsi.reports.html.PageBuilder}).
 */
package org.salientsi.reports.html;
