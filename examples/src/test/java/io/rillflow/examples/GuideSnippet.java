package io.rillflow.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced {@code java} block of a guide and the {@code <!-- snippet: kind argument -->} line before it (null kind
 * when there is none).
 *
 * @param guide the Markdown file
 * @param line the guide's line of the block's first code line
 * @param kind how the block is checked; null when unmarked
 * @param argument the reason of a skip, the expected message of an error; empty otherwise
 * @param code the block's text
 */
record GuideSnippet(Path guide, int line, Kind kind, String argument, String code) {
    /** The kinds a block can be marked with, as a reader of the marker sees them. */
    static final String KINDS = "declarations | statements | error <expected message> | skip <reason>";

    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*(\\S+)\\s*(.*?)\\s*-->");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+[\\w.]+;");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final Pattern PACKAGE_NAME = Pattern.compile("(?m)^package\\s+([\\w.]+);");

    /** How a block is checked. */
    enum Kind {
        /** Top-level types (with or without package and imports): compiled as one source file. */
        DECLARATIONS,
        /** Statements: the body of a method of a class that extends the guide's context. */
        STATEMENTS,
        /** Top-level types that must fail to compile with the given message. */
        ERROR,
        /** Not compiled, for the given reason. */
        SKIP
    }

    /** The guide's java blocks, in order. */
    static List<GuideSnippet> parse(Path guide) throws IOException {
        List<String> lines = Files.readAllLines(guide);
        List<GuideSnippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (!fence.startsWith("```")) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (fence.equals("```java")) {
                Kind kind = null;
                String argument = "";
                Matcher m = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
                if (m != null && m.matches()) {
                    kind = kindNamed(guide, i, m.group(1));
                    argument = m.group(2);
                }
                String code = String.join("\n", lines.subList(i + 1, Math.min(end, lines.size())));
                snippets.add(new GuideSnippet(guide, i + 2, kind, argument, code));
            }
            i = end;
        }
        return snippets;
    }

    private static Kind kindNamed(Path guide, int index, String name) {
        try {
            return Kind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    guide + ":" + (index + 1) + ": unknown snippet kind \"" + name + "\"; the kinds are " + KINDS, e);
        }
    }

    /** {@code guide:line}, the block's first line. */
    String where() {
        return locate(1);
    }

    /** {@code guide:line} of the block's {@code lineInBlock}-th line (1 = the first). */
    String locate(long lineInBlock) {
        return guide + ":" + (line + Math.max(0, lineInBlock - 1));
    }

    /** The block as a source file of package {@code pkg} with the guide's imports. */
    WrappedSnippet wrap(String pkg, List<String> imports) {
        if (kind == Kind.STATEMENTS) {
            String name = "Snippet" + line;
            String header = "package " + pkg + ";\n" + String.join("\n", imports) + "\n\nclass " + name
                    + " extends Guide {\n    void snippet() throws Exception {\n";
            return new WrappedSnippet(
                    this,
                    Path.of(pkg.replace('.', '/'), name + ".java"),
                    header + elided(code) + "\n    }\n}\n",
                    lineCount(header));
        }
        Matcher declared = PUBLIC_TYPE.matcher(code);
        String name = declared.find() ? declared.group(1) : "Snippet" + line;
        if (PACKAGE.matcher(code).find()) {
            Matcher own = PACKAGE_NAME.matcher(code);
            own.find();
            return new WrappedSnippet(this, Path.of(own.group(1).replace('.', '/'), name + ".java"), code + "\n", 0);
        }
        String header = "package " + pkg + ";\n" + String.join("\n", imports) + "\n\n";
        return new WrappedSnippet(
                this, Path.of(pkg.replace('.', '/'), name + ".java"), header + code + "\n", lineCount(header));
    }

    /** A line that holds only {@code ...} stands for code the guide leaves out. */
    private static String elided(String code) {
        return String.join(
                "\n",
                Arrays.stream(code.split("\n", -1))
                        .map(l -> l.strip().equals("...") ? l.replace("...", "// ...") : l)
                        .toList());
    }

    private static int lineCount(String header) {
        return (int) header.chars().filter(c -> c == '\n').count();
    }
}
