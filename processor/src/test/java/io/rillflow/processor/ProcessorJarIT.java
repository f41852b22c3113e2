package io.rillflow.processor;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The packaged processor, as users get it: JavaPoet inside, relocated, and absent from its published pom, so it never
 * reaches an application's class path. Run by failsafe after the shade plugin built the jar.
 */
class ProcessorJarIT {
    private static final Path JAR = Path.of(System.getProperty("rillflow.processor.jar"));
    private static final Path POM = Path.of(System.getProperty("rillflow.processor.pom"));

    @Test
    void theJarHoldsJavaPoetOnlyRelocated() throws Exception {
        List<String> entries;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
        }

        assertThat(entries).contains("io/rillflow/processor/RillflowProcessor.class");
        assertThat(entries).contains("io/rillflow/processor/shaded/javapoet/JavaFile.class");
        assertThat(entries.stream().filter(e -> e.startsWith("com/palantir/")).toList())
                .isEmpty();
        assertThat(entries).contains("META-INF/services/javax.annotation.processing.Processor");
    }

    @Test
    void theJarNamesItsModule() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .isEqualTo("io.rillflow.processor");
        }
    }

    @Test
    void thePublishedPomListsNoJavaPoet() throws Exception {
        assertThat(Files.exists(POM)).isTrue();
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(POM.toFile());
        NodeList artifacts = pom.getElementsByTagName("artifactId");
        StringBuilder listed = new StringBuilder();
        for (int i = 0; i < artifacts.getLength(); i++) {
            Element artifact = (Element) artifacts.item(i);
            if (artifact.getParentNode().getNodeName().equals("dependency")) {
                listed.append(artifact.getTextContent()).append(' ');
            }
        }

        assertThat(listed.toString()).doesNotContain("javapoet");
        assertThat(listed.toString()).contains("rillflow-sql-render");
    }
}
