package io.rillflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The getting-started page's Gradle build says what its Maven pom says (which the build runs, see
 * {@link ExamplesOnThePageTest}): the same Rillflow artifacts from the same BOM, applied as a platform to the
 * annotation processor path too, the same processor, other dependencies at the same versions, the same Java release and
 * main class. No Gradle runs here (the build machines have none), so this is what keeps the two from drifting.
 */
class GettingStartedGradleTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern FENCE = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
    /** {@code configuration 'group:artifact[:version]'} or {@code configuration platform('group:artifact:version')}. */
    private static final Pattern DEPENDENCY = Pattern.compile(
            "(?m)^\\s*(\\w+)\\s*\\(?\\s*(platform\\()?\\s*['\"]([^'\"]+)['\"]\\s*\\)?\\s*\\)?\\s*(?://.*)?$");

    private static final Pattern DEPENDENCIES = Pattern.compile("(?m)^dependencies\\s*\\{\\n(.*?)^}", Pattern.DOTALL);

    private static Document pom;
    private static String gradle;
    private static List<Dependency> declared;

    record Dependency(String configuration, boolean platform, String coordinates) {
        String module() {
            String[] parts = coordinates.split(":");
            return parts[0] + ":" + parts[1];
        }
    }

    @BeforeAll
    static void readThePage() throws Exception {
        String page = Files.readString(ROOT.resolve("docs/getting-started.md"));
        List<String> xml = new ArrayList<>();
        List<String> groovy = new ArrayList<>();
        Matcher m = FENCE.matcher(page);
        while (m.find()) {
            if (m.group(1).equals("xml")) {
                xml.add(m.group(2));
            } else if (m.group(1).equals("groovy")) {
                groovy.add(m.group(2));
            }
        }
        assertThat(xml).hasSize(1);
        assertThat(groovy).hasSize(1);
        pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.get(0).strip().getBytes(StandardCharsets.UTF_8)));
        gradle = groovy.get(0);
        Matcher block = DEPENDENCIES.matcher(gradle);
        assertThat(block.find())
                .as("a dependencies { } block in the Gradle build")
                .isTrue();
        declared = new ArrayList<>();
        Matcher d = DEPENDENCY.matcher(block.group(1));
        while (d.find()) {
            declared.add(new Dependency(d.group(1), d.group(2) != null, d.group(3)));
        }
    }

    @Test
    void theBomIsThePlatformOfTheCodeAndOfTheProcessorPathAtThePomsVersion() {
        String bom = "io.rillflow:rillflow-bom:" + property("rillflow.version");

        assertThat(declared.stream().filter(Dependency::platform).toList())
                .containsExactlyInAnyOrder(
                        new Dependency("implementation", true, bom), new Dependency("annotationProcessor", true, bom));
    }

    @Test
    void theRillflowLibrariesAreThePomsAndStateNoVersion() {
        Set<String> pomLibraries = pomDependencies().stream()
                .filter(c -> c.startsWith("io.rillflow:"))
                .collect(Collectors.toCollection(TreeSet::new));
        List<Dependency> gradleLibraries = declared.stream()
                .filter(d -> !d.platform() && d.coordinates().startsWith("io.rillflow:"))
                .filter(d -> !d.configuration().equals("annotationProcessor"))
                .toList();

        assertThat(gradleLibraries).allMatch(d -> d.configuration().equals("implementation"));

        assertThat(gradleLibraries.stream().map(Dependency::coordinates))
                .containsExactlyInAnyOrderElementsOf(pomLibraries);
    }

    @Test
    void theProcessorIsOnTheProcessorPathOnlyAsInThePom() {
        Set<String> pomProcessors = new TreeSet<>();
        NodeList paths = pom.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            pomProcessors.add(text(path, "groupId") + ":" + text(path, "artifactId"));
        }

        assertThat(pomProcessors).containsExactly("io.rillflow:rillflow-processor");
        assertThat(declared.stream()
                        .filter(d -> !d.platform() && d.configuration().equals("annotationProcessor"))
                        .map(Dependency::coordinates))
                .containsExactlyInAnyOrderElementsOf(pomProcessors);
        assertThat(declared.stream()
                        .filter(d -> !d.configuration().equals("annotationProcessor"))
                        .map(Dependency::module))
                .doesNotContainAnyElementsOf(pomProcessors);
    }

    @Test
    void everyOtherPomDependencyIsThereAtTheSameVersion() {
        Set<String> others = pomDependencies().stream()
                .filter(c -> !c.startsWith("io.rillflow:"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(others).isNotEmpty();
        assertThat(declared.stream().map(Dependency::coordinates)).containsAll(others);
    }

    @Test
    void thePostgresBinariesAreOnesTheEmbeddedModuleDeclaresAtItsVersion() throws Exception {
        String embeddedPom = Files.readString(ROOT.resolve("embedded/pom.xml"));
        String version = rootProperty("zonky-binaries.version");
        List<Dependency> binaries = declared.stream()
                .filter(d -> d.coordinates().startsWith("io.zonky.test.postgres:"))
                .toList();

        assertThat(binaries).hasSize(1);
        Dependency binary = binaries.get(0);
        assertThat(binary.configuration()).isEqualTo("runtimeOnly");
        String[] parts = binary.coordinates().split(":");
        assertThat(embeddedPom).contains("<artifactId>" + parts[1] + "</artifactId>");
        assertThat(parts[2]).isEqualTo(version);
    }

    @Test
    void theJavaReleaseAndMainClassAreThePoms() {
        Matcher release = Pattern.compile("options\\.release\\s*=\\s*(\\d+)").matcher(gradle);
        Matcher main = Pattern.compile("mainClass\\s*=\\s*['\"]([\\w.]+)['\"]").matcher(gradle);
        List<String> execArguments = new ArrayList<>();
        NodeList arguments = pom.getElementsByTagName("argument");
        for (int i = 0; i < arguments.getLength(); i++) {
            execArguments.add(arguments.item(i).getTextContent().strip());
        }

        assertThat(release.find()).as("options.release in the Gradle build").isTrue();
        assertThat(release.group(1)).isEqualTo(property("maven.compiler.release"));
        assertThat(main.find())
                .as("application { mainClass = ... } in the Gradle build")
                .isTrue();
        assertThat(execArguments).endsWith(main.group(1));
    }

    /** The pom's dependencies as {@code group:artifact} when the BOM manages them, else {@code group:artifact:version}. */
    private static List<String> pomDependencies() {
        List<String> dependencies = new ArrayList<>();
        Element project = pom.getDocumentElement();
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("dependencies")) {
                NodeList list = e.getElementsByTagName("dependency");
                for (int i = 0; i < list.getLength(); i++) {
                    Element d = (Element) list.item(i);
                    String version = text(d, "version");
                    dependencies.add(text(d, "groupId") + ":" + text(d, "artifactId")
                            + (version.isEmpty() ? "" : ":" + version));
                }
            }
        }
        assertThat(dependencies).isNotEmpty();
        return dependencies;
    }

    private static String property(String name) {
        String value = text(pom.getDocumentElement(), name);
        assertThat(value).as("<%s> in the page's pom", name).isNotEmpty();
        return value;
    }

    private static String rootProperty(String name) throws Exception {
        Document root = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile());
        String value = text(root.getDocumentElement(), name);
        assertThat(value).as("<%s> in the root pom", name).isNotEmpty();
        return value;
    }

    private static String text(Element parent, String tag) {
        NodeList found = parent.getElementsByTagName(tag);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
    }
}
