/**
 * Internal support, not API: the SQL text of document field expressions, operators and sort keys, shared by the
 * runtime (its query DSL and index definitions) and the annotation processor (which renders compiled queries at
 * compile time), so both write the very same expressions. It also holds the "Did you mean ...?" rule for a misspelt
 * name ({@link io.rillflow.sql.NameSuggestions}), so a typo gets the same hint at compile time and at run time.
 * Depends on {@code java.base} only. Its classes are public
 * only because two modules use them; applications call the query DSL of {@code io.rillflow.query} instead, and this
 * package may change in any release.
 */
package io.rillflow.sql;
