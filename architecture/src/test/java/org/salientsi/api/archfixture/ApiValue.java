package org.salientsi.api.archfixture;

import java.util.List;

/** Keeps every api rule: JDK types only. */
public record ApiValue(List<String> names) {
}
