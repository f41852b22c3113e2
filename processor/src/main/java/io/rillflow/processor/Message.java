package io.rillflow.processor;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports, in one place. Messages start with what was annotated, state the rule and
 * suggest the fix; tests reference these constants, so wording changes in one place.
 */
public enum Message {
    DOCUMENT_NOT_CONCRETE(
            "@Document %s is %s: a document must be a concrete class or a record, so that Jackson can create it."
                    + " Make it a record or a non-abstract class."),
    DOCUMENT_NOT_PUBLIC(
            "@Document %s is not public: Jackson and the generated repository create and read it from outside."
                    + " Make it public (and every type enclosing it)."),
    DOCUMENT_INNER_CLASS("@Document %s is an inner class: Jackson cannot create it without an instance of %s."
            + " Did you mean to make the class static?"),
    DOCUMENT_GENERIC(
            "@Document %s declares type parameters %s: stored JSON carries no type arguments, so a document type"
                    + " cannot be generic. Remove the type parameters, or annotate a non-generic subclass."),
    DOCUMENT_NOT_CONSTRUCTIBLE(
            "@Document %s cannot be created by Jackson: it is not a record and has neither a public no-argument"
                    + " constructor nor a @JsonCreator constructor or factory. Add a public no-argument constructor"
                    + " or annotate a constructor with @JsonCreator."),
    DOCUMENT_INVALID_NAME(
            "@Document %s has the name \"%s\": a document name must match [a-z][a-z0-9_]* and have at most 40"
                    + " characters, as it names the table rf_doc_<name>. Set a valid one, e.g."
                    + " @Document(name = \"%s\")."),
    DOCUMENT_DUPLICATE_NAME(
            "@Document %s maps to the table rf_doc_%s, like %s: every document type needs its own table."
                    + " Give one of them another @Document(name = \"...\")."),
    DOCUMENT_MISSING_ID(
            "@Document %s has no @Id: annotate exactly one field, getter or record component of type UUID, String"
                    + " or long with @io.rillflow.annotations.Id."),
    DOCUMENT_DUPLICATE_ID(
            "@Document %s has two @Id members, %s and %s: a document has exactly one id. Remove @Id from one of"
                    + " them."),
    DOCUMENT_UNRESOLVED_TYPE(
            "@Document %s was not generated: the type of %s could not be resolved. Fix the earlier errors (a missing"
                    + " import or dependency, or a type another processor failed to generate)."),
    ID_UNSUPPORTED_TYPE(
            "@Id %s is of type %s: a document id must be java.util.UUID, String, long or Long. Change its type"
                    + " (UUID is a good default)."),
    ID_NOT_STORED(
            "@Id %s is not written to the document's JSON (%s): the id is stored in the document body and read back"
                    + " from it. Make it public, add a public getter, or remove @JsonIgnore."),
    ID_NOT_READABLE("@Id %s is private and has no accessible getter: the generated %s must read the id of a document."
            + " Add a public getter or make the field public."),
    PROPERTY_NAME_INVALID(
            "Property \"%s\" of %s cannot be a field path: a JSON name must start with a letter, _ or $ and hold only"
                    + " letters, digits, _, $ and -. Rename it with @JsonProperty(\"...\")."),
    ANNOTATION_ON_UNSTORED_MEMBER(
            "@%s on %s, which Jackson does not write to the document's JSON (%s): there is nothing to index. Make it"
                    + " a property (public, with a public getter or @JsonProperty) or remove @%s."),
    INDEX_WITHOUT_PATH(
            "@Index on the type %s has no path: on a type, @Index names the field to index by its dotted JSON path."
                    + " Add path = \"...\" (e.g. \"address.city\"), or move @Index to the field."),
    INDEX_PATH_ON_MEMBER(
            "@Index on %s has path = \"%s\": on a field, @Index indexes that field and takes no path. Remove the"
                    + " path, or put @Index(path = \"%s\") on the type %s."),
    INDEX_UNKNOWN_FIELD("@Index path \"%s\" on %s: %s has no property \"%s\". %s"),
    INDEX_PATH_NOT_NAVIGABLE(
            "@Index path \"%s\" on %s: \"%s\" is %s, whose fields are not known at compile time. Index a field of a"
                    + " nested record or class, or the whole field with kind = GIN."),
    INDEX_BTREE_NOT_SCALAR(
            "@Index on %s: a B-tree index needs a scalar field (string, number, boolean, enum, UUID, date or time),"
                    + " but \"%s\" is %s. Use @Index(kind = Index.Kind.GIN) for collections and objects."),
    INDEX_GIN_ON_SCALAR(
            "@Index(kind = GIN) on %s: a GIN index needs a collection or object field, but \"%s\" is %s. Use the"
                    + " default B-tree kind for scalar fields."),
    INDEX_UNIQUE_GIN(
            "@Index(kind = GIN, unique = true) on %s: only a B-tree index can be unique. Remove unique = true, or use"
                    + " a B-tree index on a scalar field."),
    INDEX_INVALID_NAME(
            "Index \"%s\" on %s is not a valid index name: it must match [A-Za-z_][A-Za-z0-9_]* and have at most %d"
                    + " characters, so that rf_doc_%s_<name> fits PostgreSQL's 63. Set name = \"...\"."),
    INDEX_DUPLICATE_NAME(
            "Index \"%s\" on %s is declared twice (also on %s): index names of a document must differ. Set another"
                    + " name = \"...\" on one of them."),
    FULL_TEXT_NOT_STRING(
            "@FullText on %s, of type %s: full-text search needs a String field. Remove @FullText or put it on a"
                    + " String field."),
    FULL_TEXT_UNKNOWN_LANGUAGE("@FullText on %s has the language \"%s\", which is not a built-in PostgreSQL text search"
            + " configuration. %s"),
    GENERATED_NAME_CLASH(
            "@Document %s would generate %s, which is already generated for @Document %s. Rename one of the two"
                    + " types."),
    GENERATION_FAILED("Could not write %s for %s: %s"),
    UNEXPECTED_EXCEPTION(
            "The Rillflow processor failed on %s with an unexpected exception; please report it with this trace:%n%s"),

    // @Projection, @On and @Rebuild (io.rillflow.processor.projection)
    PROJECTION_INVALID_TYPE("@Projection %s is %s: the generated %s must create or hold an instance and call its"
            + " methods. Make it a non-abstract, non-generic class that is not private, top level or static nested."),
    PROJECTION_INVALID_NAME("@Projection %s has the name \"%s\": a projection name must match [a-z][a-z0-9_]* and have"
            + " at most 63 characters. Set a valid one, e.g. @Projection(name = \"%s\")."),
    PROJECTION_DUPLICATE_NAME("@Projection %s has the name \"%s\", which @Projection %s already has: the name keys the"
            + " checkpoint, lease and dead letters, so two projections cannot share it. Rename one of them."),
    PROJECTION_NO_HANDLERS("@Projection %s has no @On method, so it would never see an event. Annotate a method that"
            + " takes an event with @On."),
    PROJECTION_METHOD_NOT_CALLABLE("@%s method %s is %s: the generated dispatch calls it on the projection instance."
            + " Make it a non-private instance method."),
    PROJECTION_ON_NO_EVENT("@On method %s has no event parameter: its first parameter must be the event class,"
            + " optionally followed by EventEnvelope, ProjectionContext or java.sql.Connection."),
    PROJECTION_ON_UNSUPPORTED_PARAMETER("@On method %s has the parameter %s of type %s, which a projection cannot"
            + " supply: after the event, parameters may only be EventEnvelope, ProjectionContext or"
            + " java.sql.Connection."),
    PROJECTION_ON_ABSTRACT_EVENT(
            "@On method %s takes %s, which is %s: events are decoded into their concrete registered"
                    + " class and dispatched by exact class, so this method would never be called. Take the concrete event"
                    + " class, with one @On method per class."),
    PROJECTION_ON_DUPLICATE_EVENT("@On method %s handles %s, which %s already handles: each event type goes to one @On"
            + " method. Merge the two methods."),
    PROJECTION_REBUILD_UNSUPPORTED_PARAMETER("@Rebuild method %s has the parameter %s of type %s: a rebuild hook may"
            + " only take ProjectionContext or java.sql.Connection."),
    PROJECTION_REBUILD_DUPLICATE("@Rebuild method %s: %s is already the @Rebuild method of this projection, and a"
            + " projection has at most one. Merge the two methods."),
    PROJECTION_UNRESOLVED_TYPE("@Projection %s was not generated: the type of %s could not be resolved. Fix the"
            + " earlier errors (a missing import or dependency, or a type another processor failed to generate)."),
    PROJECTION_METHOD_OUTSIDE("@%s method %s is in %s, which is not a @Projection, so nothing would call it. Annotate"
            + " the class with @Projection, or remove @%s.");

    private final String format;

    Message(String format) {
        this.format = format;
    }

    /** How javac reports this message. */
    public Diagnostic.Kind kind() {
        return Diagnostic.Kind.ERROR;
    }

    /** The text with {@code args} filled in. */
    public String format(Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** The suggestion ending {@link #INDEX_UNKNOWN_FIELD} and {@link #FULL_TEXT_UNKNOWN_LANGUAGE}. */
    public static String didYouMean(String suggestion) {
        return "Did you mean \"" + suggestion + "\"?";
    }

    /** The hint ending a message when no close suggestion exists. */
    public static String knownNames(String what, Iterable<String> names) {
        return what + ": " + String.join(", ", names) + ".";
    }
}
