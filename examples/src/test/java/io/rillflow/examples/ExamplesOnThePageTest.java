package io.rillflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The getting-started page shows the consumer project that the build compiles and runs outside the reactor
 * ({@code consumer-it/src/it/getting-started}), file for file, so the page cannot drift from what works.
 */
class ExamplesOnThePageTest {
    private static final Path ROOT = Path.of("..");
    private static final Path PROJECT = ROOT.resolve("consumer-it/src/it/getting-started");
    private static final Pattern FENCE = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern VERSION = Pattern.compile("<rillflow\\.version>[^<]*</rillflow\\.version>");

    @Test
    void theGettingStartedPageShowsTheConsumerProjectFileForFile() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(Files.readString(ROOT.resolve("docs/getting-started.md")));
        while (m.find()) {
            if (m.group(1).equals("xml") || m.group(1).equals("java")) {
                blocks.add(m.group(2).strip());
            }
        }
        assertThat(blocks).hasSize(6);
        assertThat(versionless(blocks.get(0))).isEqualTo(versionless(read("pom.xml")));
        List<String> sources = List.of("Book", "BookLoan", "Loan", "Loans", "Main");
        for (int i = 0; i < sources.size(); i++) {
            assertThat(blocks.get(i + 1))
                    .as(sources.get(i) + ".java")
                    .isEqualTo(read("src/main/java/com/example/library/" + sources.get(i) + ".java"));
        }
    }

    private static String read(String file) throws IOException {
        return Files.readString(PROJECT.resolve(file)).strip();
    }

    /** The build fills in the version being built; the page shows a released one. */
    private static String versionless(String pom) {
        return VERSION.matcher(pom).replaceAll("<rillflow.version/>");
    }
}
