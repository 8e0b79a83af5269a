package org.salientsi.reports.html;

/**
 * The frame of every report page: the document head with the one style sheet ({@link #STYLE}, the one look of
 * SalientSI's pages), the title as {@code <title>} and {@code <h1>}, and the tail. Text in the body is the caller's,
 * escaped with {@link Html#escape}.
 *
 * <p>Classes the style sheet knows: {@code l} (a left-aligned cell; the first cell of a row is left-aligned
 * anyway), {@code small} and {@code note} (secondary text), {@code err} (an error), {@code warn} (a warning),
 * {@code sel} (the emphasised row), {@code sort} (a sortable column header), {@code pic} (a figure of a picture),
 * {@code verdict} with {@code reject}, {@code keep}, {@code undecided} or {@code none} (the decision at alpha),
 * {@code cbar} with {@code cbar-strip} and {@code cbar-ticks} (a colour bar), {@code legend} with {@code swatch}
 * (a legend of coloured marks), {@code warnbox} (a warning to read first), {@code plots} (figures side by side
 * that shrink to fit).
 */
public final class Page {

    /** The style sheet of every page (one look): tables with right-aligned numbers, crisp pixel pictures. */
    public static final String STYLE = "body{font-family:sans-serif;margin:2em auto;padding:0 2em;max-width:1500px;"
            + "color:#222;line-height:1.35}h1{font-size:1.6em}h2{font-size:1.3em;margin-top:1.4em}h3{font-size:1.1em}"
            + "table{border-collapse:collapse;margin:0.5em 0 1em}"
            + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;vertical-align:middle}"
            + "th{background:#eee}td:first-child,th:first-child,td.l,th.l{text-align:left}"
            + "img{image-rendering:pixelated;max-width:100%;margin:2px}td img{max-width:none}"
            + "figure{display:inline-block;margin:0 1.5em 1em 0;vertical-align:top}"
            + "figcaption{font-size:85%;color:#444;max-width:640px}.pic figcaption{max-width:280px}"
            + ".small,.note{font-size:85%;color:#555}.err{color:#b00020}.warn{color:#8a5a00}.sel{font-weight:bold}"
            + "th.sort{cursor:pointer}th.sort:after{content:' \\2195';color:#888}"
            + ".verdict{padding:0.6em 1em;border-left:6px solid #888;background:#f4f4f4;font-size:1.1em;"
            + "max-width:1100px}"
            + ".verdict.reject{border-color:#1a7f37;background:#eaf6ec}.verdict.keep{border-color:#666}"
            + ".verdict.undecided{border-color:#b58900;background:#fff8e1}.verdict.none{border-color:#999}"
            + ".warnbox{padding:0.6em 1em;border-left:6px solid #b58900;background:#fff8e1;max-width:1100px}"
            + ".cbar{font-size:80%;color:#444;margin:2px}.cbar-strip{height:12px;border:1px solid #999}"
            + ".cbar-ticks{display:flex;justify-content:space-between}.cbar-unit{text-align:center}"
            + ".legend{font-size:85%;color:#333}.swatch{display:inline-block;width:1.6em;height:0.7em;"
            + "vertical-align:middle;margin:0 0.3em 0 1em}details{margin:0.5em 0 1em}summary{cursor:pointer}"
            + ".plots{display:flex;flex-wrap:wrap;gap:1em}.plots figure{flex:1 1 0;min-width:320px;margin:0}"
            + ".plots figcaption{max-width:none}";

    private Page() {
    }

    /**
     * @param title the page's title (plain text, escaped here)
     * @return the page's opening: doctype, head with the style sheet, and the {@code <h1>}
     */
    public static String open(String title) {
        String t = Html.escape(title);
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + t + "</title>\n<style>"
                + STYLE + "</style></head><body>\n<h1>" + t + "</h1>\n";
    }

    /** @return the page's closing */
    public static String close() {
        return "</body></html>\n";
    }
}
