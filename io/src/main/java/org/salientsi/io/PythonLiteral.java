package org.salientsi.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser of the Python literal a {@code .npy} header holds: a dict whose keys are strings and whose
 * values are strings ({@code '...'} or {@code "..."}, without escapes or prefixes), {@code True}, {@code False},
 * decimal integers (with a leading {@code -}; with a trailing {@code L} in the Python 2 headers of format
 * versions 1.0 and 2.0) and tuples of them ({@code ()}, {@code (3,)}, {@code (2, 3)}), with white space between
 * tokens and an optional trailing comma. Anything else (names, calls, operators, other literals, duplicate
 * keys, text after the dict) is refused: what {@code ast.literal_eval} would evaluate to something else, or
 * not at all, never parses here.
 *
 * <p>Values are {@link String}, {@link Boolean}, {@link BigInteger} and unmodifiable {@link List}s (tuples).
 */
final class PythonLiteral {

    /** Deepest tuple nesting accepted (a shape needs one level). */
    static final int MAX_DEPTH = 8;

    private final String file;
    private final String text;
    private final boolean python2Longs;
    private int pos;

    private PythonLiteral(String file, String text, boolean python2Longs) {
        this.file = file;
        this.text = text;
        this.python2Longs = python2Longs;
    }

    /**
     * @param file the file's name, for messages
     * @param text the header text
     * @param python2Longs whether integers may carry Python 2's {@code L} suffix
     * @return the dict, keys in file order
     * @throws FileFormatException naming the file, the position and what was found, if the text is not one
     *     literal dict with distinct string keys
     */
    static Map<String, Object> parseDict(String file, String text, boolean python2Longs) {
        PythonLiteral p = new PythonLiteral(file, text, python2Longs);
        p.skipSpace();
        Map<String, Object> dict = p.dict();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error(null, "text after the header's dict: '" + p.snippet() + "'");
        }
        return dict;
    }

    private Map<String, Object> dict() {
        expect('{', "'{' (a .npy header is a Python dict)");
        Map<String, Object> dict = new LinkedHashMap<>();
        skipSpace();
        while (peek() != '}') {
            if (peek() != '\'' && peek() != '"') {
                throw error("a string key");
            }
            int keyAt = pos;
            String key = string();
            skipSpace();
            expect(':', "':' after key '" + key + "'");
            skipSpace();
            Object value = value(0);
            if (dict.putIfAbsent(key, value) != null) {
                pos = keyAt;
                throw error(null, "duplicate key '" + key + "'");
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw error("',' or '}'");
            }
        }
        pos++;
        return Collections.unmodifiableMap(dict);
    }

    private Object value(int depth) {
        char c = peek();
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '(') {
            return tuple(depth + 1);
        }
        if (c == '-' || isDigit(c)) {
            return integer();
        }
        if (isNameStart(c)) {
            int start = pos;
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (name.equals("True")) {
                return Boolean.TRUE;
            }
            if (name.equals("False")) {
                return Boolean.FALSE;
            }
            pos = start;
            throw error(null, "'" + name + "' is not a literal (only strings, True, False, integers and "
                    + "tuples are)");
        }
        throw error("a string, True, False, an integer or a tuple");
    }

    private List<Object> tuple(int depth) {
        if (depth > MAX_DEPTH) {
            throw error(null, "tuples nested deeper than " + MAX_DEPTH);
        }
        pos++;
        List<Object> items = new ArrayList<>();
        skipSpace();
        if (peek() == ')') {
            pos++;
            return List.of();
        }
        boolean comma = false;
        while (true) {
            items.add(value(depth));
            skipSpace();
            if (peek() == ')') {
                break;
            }
            expect(',', "',' or ')'");
            comma = true;
            skipSpace();
            if (peek() == ')') {
                break;
            }
        }
        if (!comma) {
            // (x) is x in parentheses, not a tuple
            throw error(null, "parentheses around a single value without a comma (a tuple of one is (x,))");
        }
        pos++;
        return Collections.unmodifiableList(items);
    }

    private String string() {
        char quote = text.charAt(pos);
        int start = ++pos;
        while (pos < text.length() && text.charAt(pos) != quote) {
            char c = text.charAt(pos);
            if (c == '\\') {
                throw error(null, "an escape sequence in a string (not read in .npy headers)");
            }
            if (c == '\n' || c == '\r') {
                throw error(null, "a line break in a string");
            }
            pos++;
        }
        if (pos >= text.length()) {
            pos = start - 1;
            throw error(null, "an unterminated string");
        }
        String s = text.substring(start, pos);
        pos++;
        skipSpace();
        if (peek() == '\'' || peek() == '"') {
            throw error(null, "adjacent strings (an implicit concatenation)");
        }
        return s;
    }

    private BigInteger integer() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            pos = start;
            throw error(null, "'-' not followed by digits");
        }
        String number = text.substring(digits, pos);
        if (number.length() > 1 && number.charAt(0) == '0') {
            pos = start;
            throw error(null, "an integer with a leading zero");
        }
        if (pos < text.length() && python2Longs && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
            pos++;
        }
        if (pos < text.length() && (isNamePart(text.charAt(pos)) || text.charAt(pos) == '.')) {
            throw error(null, "'" + text.charAt(pos) + "' after an integer (only decimal integers are read)");
        }
        BigInteger value = new BigInteger(number);
        return text.charAt(start) == '-' ? value.negate() : value;
    }

    private void expect(char c, String what) {
        if (peek() != c) {
            throw error(what);
        }
        pos++;
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error(null, "the header ends before its dict is complete");
        }
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return;
            }
            pos++;
        }
    }

    private FileFormatException error(String expected) {
        return error(expected, null);
    }

    private FileFormatException error(String expected, String problem) {
        String found = pos >= text.length() ? "the end of the header" : "'" + snippet() + "'";
        String what = problem != null ? problem : "expected " + expected + ", found " + found;
        return new FileFormatException(file, file + " has a malformed .npy header (at character " + pos + ": "
                + what + ")");
    }

    private String snippet() {
        String s = text.substring(pos, Math.min(text.length(), pos + 20));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
