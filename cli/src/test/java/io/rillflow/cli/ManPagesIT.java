package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The troff man pages the {@code man-pages} profile builds (on under {@code CI=true}) into {@code target/man/man1}: one
 * page per command and subcommand, each a real man page that {@code man} renders.
 */
class ManPagesIT {
    @Test
    void everyCommandHasATroffPageNamingItAndItsOptions() throws IOException {
        Path dir = manPages();
        List<CommandLine> commands = new ArrayList<>();
        collect(Rillflow.commandLine(Map.of()), commands);
        assertThat(commands).hasSizeGreaterThan(50);

        for (CommandLine command : commands) {
            String qualified = command.getCommandSpec().qualifiedName(" ");
            String page = qualified.replace(' ', '-');
            Path file = dir.resolve(page + ".1");
            assertThat(file).as("the man page of %s", qualified).isRegularFile();
            String troff = Files.readString(file, StandardCharsets.UTF_8);
            // Before .TH only comment lines (.\" and the '\" preprocessor hint) may stand.
            String firstRequest = troff.lines()
                    .filter(line -> !line.startsWith(".\\\"") && !line.startsWith("'\\\""))
                    .findFirst()
                    .orElseThrow();
            assertThat(firstRequest).as(page).startsWith(".TH \"" + escape(page.toUpperCase()) + "\" \"1\"");
            assertThat(troff).as(page).contains(".SH \"NAME\"").contains(page + " \\- ");
            option(command).ifPresent(option -> assertThat(troff).as(page).contains(escape(option)));
        }
    }

    @Test
    void manRendersAPageAsText() throws Exception {
        Path page = manPages().resolve("rillflow-projections-list.1");
        Assumptions.assumeTrue(onPath("man"), "man is not installed: the page is not rendered");
        ProcessBuilder builder = new ProcessBuilder("man", "-l", page.toString()).redirectErrorStream(true);
        builder.environment().put("MANPAGER", "cat");
        builder.environment().put("MANWIDTH", "120");
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process man = builder.start();
        String text = new String(man.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(man.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(man.exitValue()).as(text).isZero();
        // Rendered, no troff request is left; groff may still overstrike bold text, hence the backspaces removed.
        String plain = text.replaceAll(".\b", "");
        assertThat(plain)
                .contains("RILLFLOW-PROJECTIONS-LIST(1)")
                .contains("rillflow projections list")
                .contains("--database-url=URL")
                .doesNotContain(".TH")
                .doesNotContain(".SH");
    }

    private static Path manPages() {
        String dir = System.getProperty("rillflow.manPages");
        if (dir == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but no man pages were built: the man-pages profile must be on under CI");
            }
            Assumptions.abort("troff man pages are built by the man-pages profile (-Pman-pages, on under CI=true)");
        }
        return Path.of(dir);
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    /** The command's longest-named option that is not the standard help or version one. */
    private static Optional<String> option(CommandLine command) {
        return command.getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(OptionSpec::longestName)
                .findFirst();
    }

    /** How the manpage backend writes a name: every hyphen escaped. */
    private static String escape(String text) {
        return text.replace("-", "\\-");
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
