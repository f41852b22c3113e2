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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The completion script the build ships ({@code target/rillflow_completion}, picocli's AutoComplete) completes
 * commands and options in bash, and in zsh through {@code bashcompinit}, as a user's shell would after sourcing it.
 */
class CompletionScriptIT {
    private static final Path SCRIPT = Path.of(System.getProperty("rillflow.completion", "target/rillflow_completion"));

    /**
     * An interactive zsh on a pseudo-terminal (zsh's own zpty module), set up as the docs tell a user (compinit,
     * bashcompinit, source the script): each argument is typed, then TAB and Enter; a {@code rillflow} function prints
     * the words the completed line ran with.
     */
    private static final String ZSH_DRIVER = """
            zmodload zsh/zpty
            zpty z 'zsh -f -i'
            zpty -w z 'PS1="> "; autoload -U compinit && compinit -u -D; autoload -U bashcompinit && bashcompinit; \
            source "$RILLFLOW_COMPLETION"; rillflow() { print -r -- "COMPLETED<$*>" }; print -r -- SET""UP'
            zpty -r -m z out '*SETUP*'
            for line in "$@"; do
              zpty -w -n z "$line"$'\\t\\r'
              zpty -r -m z out '*COMPLETED<*>*'
              print -r -- "${${out##*COMPLETED<}%%>*}"
            done
            zpty -d z
            """;

    @Test
    void bashCompletesSubcommandsAndOptions() throws Exception {
        assertThat(Files.readString(SCRIPT)).contains("bashcompinit");

        assertThat(bash("proj")).isEqualTo("projections");
        assertThat(bash("subscriptions", "t")).isEqualTo("tail");
        assertThat(bash("docs", "ind")).isEqualTo("index-advisor");
        assertThat(bash("projections", "run-loop", "--use")).isEqualTo("--use-notify");
    }

    @Test
    void zshCompletesSubcommandsAndOptionsThroughBashcompinit() throws Exception {
        if (!onPath("zsh")) {
            if ("true".equals(System.getenv("CI"))) {
                fail("zsh is not installed, so the zsh completion is untested: .ci/run installs it with apt-get");
            }
            Assumptions.abort("zsh is not installed (apt-get install zsh): the zsh completion is not tested");
        }
        List<String> command = new ArrayList<>(List.of("zsh", "-f", "-c", ZSH_DRIVER, "zsh"));
        command.addAll(List.of(
                "rillflow proj",
                "rillflow subscriptions t",
                "rillflow docs ind",
                "rillflow projections run-loop --use-n"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("RILLFLOW_COMPLETION", SCRIPT.toAbsolutePath().toString());

        assertThat(run(builder).lines())
                .containsExactly(
                        "projections", "subscriptions tail", "docs index-advisor", "projections run-loop --use-notify");
    }

    /** What bash offers for the last word of {@code rillflow words...}, the completion function called as bash does. */
    private static String bash(String... words) throws IOException, InterruptedException {
        String line = "rillflow " + String.join(" ", words);
        // compopt works only inside a completion bash itself started: a no-op stands in for it here.
        String program = "source '" + SCRIPT.toAbsolutePath() + "'; compopt() { :; }; COMP_WORDS=(" + line
                + "); COMP_CWORD=" + words.length + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; "
                + "_complete_rillflow rillflow '" + words[words.length - 1] + "' '"
                + (words.length > 1 ? words[words.length - 2] : "rillflow") + "'; echo \"${COMPREPLY[*]}\"";
        return run(new ProcessBuilder("bash", "-c", program).redirectErrorStream(true))
                .strip();
    }

    private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        // Read on another thread: a shell stuck waiting for input must fail the test, not hang it.
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append(e);
            }
        });
        reader.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5_000);
            throw new AssertionError(builder.command().get(0) + " did not finish within 60 s: " + out);
        }
        reader.join();
        assertThat(process.exitValue()).as(out.toString()).isZero();
        return out.toString();
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
