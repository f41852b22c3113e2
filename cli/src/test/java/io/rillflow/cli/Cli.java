package io.rillflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.Store;
import io.rillflow.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the {@code rillflow} command line in-process, as the launcher would, capturing what it prints. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run returned and printed. */
    record Result(int exitCode, String out, String err) {
        /** Each line of stdout parsed as one JSON object. */
        List<JsonNode> json() {
            List<JsonNode> objects = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    try {
                        objects.add(JSON.readTree(line));
                    } catch (JsonProcessingException e) {
                        throw new AssertionError("Not a JSON line: " + line, e);
                    }
                }
            }
            return objects;
        }

        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Cli() {}

    /** Runs {@code args} with no environment. */
    static Result run(String... args) {
        return runWith(Map.of(), args);
    }

    /** Runs {@code args} with {@code environment} as the process environment. */
    static Result runWith(Map<String, String> environment, String... args) {
        CommandLine line = Rillflow.commandLine(environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int code = line.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code args} followed by the options naming {@code store}'s database and schema. */
    static Result on(Store store, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--database-url=" + TestDatabase.jdbcUrl());
        all.add("--schema=" + store.schemaName());
        return run(all.toArray(String[]::new));
    }
}
