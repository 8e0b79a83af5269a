package org.salientsi.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.examples.readme.ReadmeSnippets.JavaUnit;
import org.salientsi.facade.Images;
import org.salientsi.facade.SalientSI;
import org.salientsi.facade.SalientTester;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The README's "Java API" section compiles and runs as a user copies it. Its snippets are read from
 * {@code README.md} at test time ({@link ReadmeSnippets}, whose javadoc gives the rule that wraps a fragment
 * into {@code Main.main}).
 *
 * <p>The build test writes them into a fresh Maven project in a temporary folder outside this build: a
 * {@code pom.xml} of its own holding the README's {@code ```xml} block as written (whose BOM version must be
 * this build's version), the wrapped Java code, the paper's model and two seeded {@code .npy} images under
 * the names the code uses. A child {@code mvn} (this build's Maven, with {@code JAVA_HOME} of this JVM) runs
 * in that folder, so this repository's {@code .mvn/maven.config} is not read; it gets only the flag the
 * README tells DL4J users to add ({@code -Djavacpp.platform=...}, read from the README's text). Its local
 * repository is private, in the temporary folder: this build's own artifacts are put there as a
 * {@code mvn install} would lay them out (each module's {@code pom.xml}, and a jar of its
 * {@code target/classes}, which exist after {@code mvn test} as after {@code mvn verify}; the root pom as
 * the parent, the BOM), and every other artifact comes from the local repository of this build
 * ({@code settings.localRepository}, passed by surefire), mirrored read-only as a {@code file://} remote:
 * nothing is downloaded and the shared repository is never written. The child builds with
 * {@code mvn compile}, which also writes the resolved runtime class path (maven-dependency-plugin's
 * {@code build-classpath}, a plugin this build already uses, so it is in the local repository; exec-maven-plugin
 * is not); the program then runs as {@code java -cp target/classes:<that class path> Main} in the project's
 * folder. It must exit 0 and print three p-values in [0, 1], equal to the ones the facade gives in this JVM for
 * the same files with the settings the README's code uses.
 */
class ReadmeJavaApiTest {

    private static final Path ROOT = Path.of(System.getProperty("salientsi.readme.root", "..")).toAbsolutePath()
            .normalize();
    private static final Pattern PATH_LITERAL = Pattern.compile("Path\\.of\\(\"([^\"]+)\"\\)");
    private static final Pattern IMAGE_READ = Pattern.compile("Images\\.read\\(Path\\.of\\(\"([^\"]+)\"\\)");
    private static final long SEED = 20_261_207L;

    @Test
    void theJavaSnippetsCompileAgainstTheFacadeAndReadTheImagesThroughIt(@TempDir Path dir) throws IOException {
        ReadmeSnippets snippets = ReadmeSnippets.of(ROOT.resolve("README.md"), "Java API");
        assertThat(snippets.xml()).hasSize(1);
        assertThat(snippets.java()).isNotEmpty();
        assertThat(snippets.java().get(0).className()).isEqualTo("Main");

        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> errors = compile(snippets.java(), dir.resolve("src"), dir.resolve("classes"), classPath);
        assertThat(errors).isEmpty();
        assertThat(dir.resolve("classes/Main.class")).isRegularFile();
        assertThat(snippets.java().get(0).source()).contains("Images.read(");
        // the published poms name the natives of linux-x86_64: a user needs no -Djavacpp.platform
        assertThat(snippets.platformFlag()).isEmpty();
    }

    @Test
    void theJavaApiBuildsAsAProjectOfItsOwnAndPrintsTheFacadesPValues(@TempDir Path dir) throws Exception {
        ReadmeSnippets snippets = ReadmeSnippets.of(ROOT.resolve("README.md"), "Java API");
        Document rootPom = parse(ROOT.resolve("pom.xml"));
        String version = child(rootPom.getDocumentElement(), "version");
        assertThat(snippets.xml()).hasSize(1);
        assertThat(snippets.xml().get(0)).contains("<version>" + version + "</version>");

        Path repository = dir.resolve("repository");
        installReactor(rootPom, repository);
        Path project = Files.createDirectories(dir.resolve("project"));
        writeProject(project, snippets, rootPom);
        Path localRepository = Path.of(System.getProperty("salientsi.readme.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror><id>build-local-repository</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(localRepository.toUri()));

        Main main = snippets.java().stream().filter(u -> u.className().equals("Main")).findFirst()
                .map(u -> new Main(u.source())).orElseThrow();
        List<Path> images = writeInputs(project, main.source());

        String mavenHome = System.getProperty("salientsi.readme.mavenHome", "");
        String mvn = mavenHome.isEmpty() ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
        List<String> build = new ArrayList<>(List.of(mvn, "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository));
        if (!snippets.platformFlag().isEmpty()) {
            build.add(snippets.platformFlag());
        }
        build.add("compile");
        Run built = run(build, project, dir.resolve("mvn.log"));
        assertThat(built.exit()).as("child mvn compile; its output:\n%s", built.tail()).isZero();

        String classPath = Files.readString(project.resolve("target/classpath.txt")).strip();
        assertThat(classPath).contains(repository.resolve("org/salientsi/salientsi-facade").toString())
                .doesNotContain(localRepository.resolve("org/salientsi").toString());
        Run ran = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                project.resolve("target/classes") + java.io.File.pathSeparator + classPath, "Main"),
                project, dir.resolve("java.log"));
        assertThat(ran.exit()).as("java Main; its output:\n%s", ran.tail()).isZero();

        double[] printed = lastLineOfNumbers(ran.output());
        assertThat(printed).hasSize(3);
        for (double p : printed) {
            assertThat(p).isBetween(0.0, 1.0);
        }
        // the same test in this JVM through the facade, with the README's settings
        try (SalientTester tester = SalientSI.builder().model(project.resolve(main.model())).method("cam")
                .selector("threshold:0").statistic("ref-mean").sigma(1).build()) {
            SelectiveResult r = tester.test(Images.read(images.get(0), tester.imageShape()),
                    Images.read(images.get(1), tester.imageShape()));
            assertThat(printed).containsExactly(r.selectiveP(), r.ocP(), r.naiveP());
        }
    }

    /** The wrapped {@code Main} of the README, and the files its code names. */
    private record Main(String source) {

        String model() {
            Matcher m = PATH_LITERAL.matcher(source);
            while (m.find()) {
                if (m.group(1).endsWith(".h5")) {
                    return m.group(1);
                }
            }
            throw new AssertionError("the README's Java code names no .h5 model");
        }

        List<String> images() {
            List<String> names = new ArrayList<>();
            Matcher m = IMAGE_READ.matcher(source);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }
    }

    /** The paper's model and the image and reference under the names the code uses. */
    private static List<Path> writeInputs(Path project, String source) throws IOException {
        Main main = new Main(source);
        Path model = ROOT.resolve("examples/models/paper").resolve(main.model());
        assertThat(model).as("the README's model is one of the paper's").isRegularFile();
        Files.copy(model, project.resolve(main.model()));
        List<String> names = main.images();
        assertThat(names).as("the README reads an image and a reference through Images.read").hasSize(2);
        ImageShape shape = ImageShape.of(16, 16, 1);
        SplittableRandom rng = new SplittableRandom(SEED);
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            double[] v = new double[shape.size()];
            for (int i = 0; i < v.length; i++) {
                // the image: delta 2 on the top-left quarter, so that CAM >= 0 selects a region
                boolean block = k == 0 && i / shape.width() < shape.height() / 2
                        && i % shape.width() < shape.width() / 2;
                v[i] = rng.nextGaussian() + (block ? 2 : 0);
            }
            Path file = project.resolve(names.get(k));
            if (file.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.min(1, Math.max(0, 0.5 + 0.15 * v[i]));
                }
                Images.writePng(file, Image.of(shape, v));
            } else {
                Images.writeNpy(file, Image.of(shape, v));
            }
            files.add(file);
        }
        return files;
    }

    private static void writeProject(Path project, ReadmeSnippets snippets, Document rootPom) throws IOException {
        String pom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>readme.user</groupId>
                  <artifactId>readme-java-api</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                %s
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId>
                        <version>%s</version>
                        <executions>
                          <execution>
                            <phase>compile</phase>
                            <goals><goal>build-classpath</goal></goals>
                            <configuration>
                              <includeScope>runtime</includeScope>
                              <outputFile>${project.build.directory}/classpath.txt</outputFile>
                            </configuration>
                          </execution>
                        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(snippets.xml().get(0), pluginVersion(rootPom, "maven-resources-plugin"),
                pluginVersion(rootPom, "maven-compiler-plugin"), pluginVersion(rootPom, "maven-dependency-plugin"));
        Files.writeString(project.resolve("pom.xml"), pom);
        Path sources = Files.createDirectories(project.resolve("src/main/java"));
        for (JavaUnit unit : snippets.java()) {
            Files.writeString(sources.resolve(unit.className() + ".java"), unit.source());
        }
    }

    /**
     * Lays this build's artifacts out in {@code repository} as {@code mvn install} would: the root pom, then
     * every module of the root pom's {@code <modules>}: its pom, and for a jar module that this build has
     * compiled a jar of its {@code target/classes}.
     */
    private static void installReactor(Document rootPom, Path repository) throws Exception {
        install(repository, rootPom, ROOT.resolve("pom.xml"), null);
        for (Node n = first(first(rootPom.getDocumentElement(), "modules"), "module"); n != null;
                n = n.getNextSibling()) {
            if (!(n instanceof Element module)) {
                continue;
            }
            Path dir = ROOT.resolve(module.getTextContent().strip());
            Document pom = parse(dir.resolve("pom.xml"));
            String packaging = child(pom.getDocumentElement(), "packaging");
            Path classes = dir.resolve("target/classes");
            if (packaging == null || packaging.equals("jar")) {
                if (Files.isDirectory(classes)) {
                    install(repository, pom, dir.resolve("pom.xml"), classes);
                }
            } else {
                install(repository, pom, dir.resolve("pom.xml"), null);
            }
        }
    }

    private static void install(Path repository, Document pom, Path pomFile, Path classes) throws IOException {
        Element project = pom.getDocumentElement();
        Element parent = first(project, "parent");
        String group = child(project, "groupId") != null ? child(project, "groupId") : child(parent, "groupId");
        String version = child(project, "version") != null ? child(project, "version") : child(parent, "version");
        String artifact = child(project, "artifactId");
        Path dir = Files.createDirectories(repository.resolve(group.replace('.', '/')).resolve(artifact)
                .resolve(version));
        Files.copy(pomFile, dir.resolve(artifact + "-" + version + ".pom"));
        if (classes != null) {
            jar(classes, dir.resolve(artifact + "-" + version + ".jar"));
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                zip.putNextEntry(new JarEntry(name));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    private static List<String> compile(List<JavaUnit> units, Path sources, Path classes, String classPath)
            throws IOException {
        Files.createDirectories(sources);
        Files.createDirectories(classes);
        List<Path> files = new ArrayList<>();
        for (JavaUnit unit : units) {
            files.add(Files.writeString(sources.resolve(unit.className() + ".java"), unit.source()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            javac.getTask(null, fm, diagnostics, List.of("--release", "17", "-classpath", classPath, "-d",
                    classes.toString()), null, fm.getJavaFileObjectsFromPaths(files)).call();
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .toList();
    }

    private record Run(int exit, String output) {

        String tail() {
            return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
        }
    }

    private static Run run(List<String> command, Path directory, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process process = pb.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 10 minutes");
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static double[] lastLineOfNumbers(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("the program's output").isNotEmpty();
        String last = lines.get(lines.size() - 1).strip();
        try {
            return Stream.of(last.split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new AssertionError("the program's last line is not p-values: " + last + "\n" + output, e);
        }
    }

    private static String pluginVersion(Document rootPom, String artifactId) {
        var plugins = rootPom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (artifactId.equals(child(plugin, "artifactId")) && child(plugin, "version") != null) {
                return child(plugin, "version");
            }
        }
        throw new AssertionError("the root pom pins no version of " + artifactId);
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Element first(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String child(Element parent, String name) {
        Element e = first(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }
}
