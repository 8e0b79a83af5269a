package org.salientsi.examples.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code a user copies from one section of the README: its {@code ```xml} blocks, its {@code ```java}
 * blocks turned into compilation units, and the {@code -Djavacpp.platform=...} flag its text tells a DL4J
 * user to build with.
 *
 * <p>Wrapping rule of a {@code ```java} block:
 * <ul>
 *   <li>a block that declares a top-level class, record, interface or enum is used as it is, in a file
 *       named after that type;</li>
 *   <li>any other block is a fragment: its leading {@code import} lines (and blank lines between them)
 *       stay imports, and all the lines after them become, unchanged, the body of
 *       {@code public static void main(String[] args) throws Exception} of a {@code public final class}
 *       in the default package, named {@code Main} for the section's first fragment and {@code Main2},
 *       {@code Main3}, ... for later ones.</li>
 * </ul>
 *
 * @param xml the {@code ```xml} blocks, in order
 * @param java the compilation units of the {@code ```java} blocks, in order
 * @param platformFlag the {@code -Djavacpp.platform=...} flag named in the section's text, or empty
 */
record ReadmeSnippets(List<String> xml, List<JavaUnit> java, String platformFlag) {

    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)[ \\t]*\\n(.*?)^```[ \\t]*$");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:public\\s+)?(?:(?:final|abstract|sealed)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");
    private static final Pattern PLATFORM = Pattern.compile("-Djavacpp\\.platform=[\\w-]+");

    /**
     * One Java source file.
     *
     * @param className the top-level class's simple name (default package)
     * @param source the whole file
     * @param fragment whether the README's block was a fragment wrapped into {@code main}
     */
    record JavaUnit(String className, String source, boolean fragment) {
    }

    ReadmeSnippets {
        xml = List.copyOf(xml);
        java = List.copyOf(java);
    }

    /**
     * @param readme the README file
     * @param heading a level-2 heading's text, e.g. {@code Java API}
     * @return the section's snippets, from the heading to the next level-2 heading
     * @throws IOException if the README cannot be read
     * @throws IllegalArgumentException if the README has no such heading
     */
    static ReadmeSnippets of(Path readme, String heading) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8).replace("\r\n", "\n");
        Matcher start = Pattern.compile("(?m)^## " + Pattern.quote(heading) + "[ \\t]*$").matcher(text);
        if (!start.find()) {
            throw new IllegalArgumentException(readme + " has no section '## " + heading + "'");
        }
        Matcher next = Pattern.compile("(?m)^## ").matcher(text);
        int end = next.find(start.end()) ? next.start() : text.length();
        String section = text.substring(start.end(), end);

        List<String> xml = new ArrayList<>();
        List<JavaUnit> java = new ArrayList<>();
        Matcher fence = FENCE.matcher(section);
        int fragments = 0;
        while (fence.find()) {
            String language = fence.group(1);
            String body = fence.group(2);
            if (language.equals("xml")) {
                xml.add(body);
            } else if (language.equals("java")) {
                Matcher type = TYPE.matcher(body);
                if (type.find()) {
                    java.add(new JavaUnit(type.group(1), body, false));
                } else {
                    fragments++;
                    java.add(wrap(fragments == 1 ? "Main" : "Main" + fragments, body));
                }
            }
        }
        Matcher platform = PLATFORM.matcher(section);
        return new ReadmeSnippets(xml, java, platform.find() ? platform.group() : "");
    }

    /** The fragment's leading imports, then its other lines as the body of {@code main}. */
    private static JavaUnit wrap(String className, String fragment) {
        List<String> lines = fragment.lines().toList();
        int i = 0;
        StringBuilder imports = new StringBuilder();
        while (i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith("import "))) {
            imports.append(lines.get(i)).append('\n');
            i++;
        }
        StringBuilder source = new StringBuilder(imports)
                .append("\npublic final class ").append(className).append(" {\n")
                .append("    public static void main(String[] args) throws Exception {\n");
        for (String line : lines.subList(i, lines.size())) {
            source.append(line).append('\n');
        }
        source.append("    }\n}\n");
        return new JavaUnit(className, source.toString(), true);
    }
}
