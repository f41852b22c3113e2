package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A query method of a {@link DocumentQueries} interface written as an expression instead of derived from its name;
 * parsed and rendered to SQL by the processor. The method name decides only the kind of statement: a method whose
 * name starts with {@code count}, {@code exists} or {@code delete} counts, tests or deletes; any other finds.
 *
 * <pre>{@code
 * @Query("status = :status and age >= :minAge and tags contains :tag order by since desc limit 50")
 * List<Customer> vip(String status, int minAge, String tag);
 * }</pre>
 *
 * <p>The language (keywords in any case):
 *
 * <pre>
 * query     := [condition] ["order by" key ("," key)*] ["limit" number]
 * condition := term ("or" term)*          term := factor ("and" factor)*
 * factor    := "not" factor | "(" condition ")" | predicate
 * predicate := field ("=" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") param
 *            | field ["not"] "in" param | field ("like" | "ilike" | "starts with" | "ends with") param
 *            | field "contains" param | field "between" param "and" param
 *            | field "is" ["not"] "null" | field "is" ("true" | "false")
 * key       := field ["asc" | "desc"]       field := name ("." name)*       param := ":" name
 * </pre>
 *
 * Fields are the document's JSON property names, dotted for nested objects; values are always named parameters, each
 * a method parameter of the field's type ({@code in} takes a collection, {@code contains} on a collection field one
 * element, on a string a substring). Every method parameter must be used. A syntax error is reported with its column.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Query {
    /** The query expression. */
    String value();
}
