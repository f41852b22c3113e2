package io.rillflow.examples;

import java.nio.file.Path;

/**
 * A guide's block as javac compiles it.
 *
 * @param snippet the block
 * @param relativePath where the source file goes, under its package's directories
 * @param source the whole file: package, the guide's imports, the block and, for statements, the method around it
 * @param headerLines how many lines come before the block's first line
 */
record WrappedSnippet(GuideSnippet snippet, Path relativePath, String source, int headerLines) {}
