package org.salientsi.examples.sanity;

import java.util.HashMap;
import java.util.Map;
import org.salientsi.api.error.InvalidInputException;

/**
 * {@code --key value} arguments of the example mains.
 *
 * @param values the values by key (without the dashes)
 */
record Args(Map<String, String> values) {

    static Args parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new InvalidInputException("expected --key value, got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return new Args(m);
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int getInt(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    long getLong(String key, long fallback) {
        return values.containsKey(key) ? Long.parseLong(values.get(key)) : fallback;
    }
}
