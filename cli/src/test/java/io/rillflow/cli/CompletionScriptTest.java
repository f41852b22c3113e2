package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.AutoComplete;

/**
 * The completion script the build ships ({@code cli/target/rillflow_completion}, made by picocli's AutoComplete from
 * the same command model) completes commands and options when bash sources it; zsh runs the same script through
 * {@code bashcompinit}, which the script loads itself.
 */
class CompletionScriptTest {
    @Test
    void bashCompletesSubcommandsAndOptions(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("rillflow_completion");
        Files.writeString(script, AutoComplete.bash("rillflow", Rillflow.commandLine(Map.of())));
        assertThat(Files.readString(script)).contains("bashcompinit");

        assertThat(complete(script, "subscriptions", "t")).isEqualTo("tail");
        assertThat(complete(script, "docs", "ind")).isEqualTo("index-advisor");
        assertThat(complete(script, "projections", "run-loop", "--use")).isEqualTo("--use-notify");
    }

    /** What bash offers for the last word of {@code rillflow words...}. */
    private static String complete(Path script, String... words) throws IOException, InterruptedException {
        String line = "rillflow " + String.join(" ", words);
        // compopt works only inside a completion bash itself started: a no-op stands in for it here.
        String program =
                "source '" + script + "'; compopt() { :; }; COMP_WORDS=(" + line + "); COMP_CWORD=" + words.length
                        + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_rillflow rillflow '"
                        + words[words.length - 1] + "' '" + (words.length > 1 ? words[words.length - 2] : "rillflow")
                        + "'; echo \"${COMPREPLY[*]}\"";
        Process bash = new ProcessBuilder("bash", "-c", program)
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
