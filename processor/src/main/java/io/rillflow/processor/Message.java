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
    DOCUMENT_HISTORY_TABLE_CLASH(
            "@Document %s keeps its history in the table rf_doc_%s_history, which is the table of %s: a history"
                    + " table needs a name of its own. Give one of them another @Document(name = \"...\")."),
    DOCUMENT_MISSING_ID(
            "@Document %s has no @Id: annotate exactly one field, getter or record component of type UUID, String"
                    + " or long with @io.rillflow.annotations.Id."),
    DOCUMENT_DUPLICATE_ID(
            "@Document %s has two @Id members, %s and %s: a document has exactly one id. Remove @Id from one of"
                    + " them."),
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

    // The registry (-Arillflow.registry)
    REGISTRY_OPTION_INVALID("Option -A%s=%s is not a qualified class name: it names the registry class this"
            + " compilation generates, e.g. -Arillflow.registry=com.example.orders.OrdersRegistry. Set a name with a"
            + " package, or remove the option to get Rillflow_Registry in the first package of the registered types."),
    REGISTRY_OPTION_TAKEN("Option -A%s names %s, which is already a class of this compilation or of its class path"
            + " and not a registry this processor generated in the same output. Choose another name."),

    // Typed events, upcasts and aggregates (@Event, @Upcast, @Aggregate, @Apply, @Handle)
    EVENT_NOT_PUBLIC("Event %s is not public: the generated registry names its class and Jackson creates it from"
            + " outside. Make it public (and every type enclosing it), and static if it is nested."),
    EVENT_NOT_CONCRETE("Event %s is %s: stored events are read back into their class, so an event type must be a"
            + " record or a non-abstract class. Apply or annotate each concrete event type instead."),
    EVENT_INVALID_VERSION("@Event %s has version %d: event versions start at 1. Set version = 1 or more."),
    EVENT_INVALID_NAME("@Event %s has the name \"%s\": an event name must not be blank or start or end with spaces."
            + " Set a name such as \"%s\"."),
    EVENT_DUPLICATE("Event %s is \"%s\" v%d, like %s: each event name and version has one class. Raise the version"
            + " of the newer shape, or give one of them another @Event(name = \"...\")."),
    UPCAST_CHAIN_MISSING_STEP(
            "@Event %s is \"%s\" v%d, but no @Upcast turns v%d into v%d: stored events of v%d could"
                    + " not be read. Add a public static @Upcast method taking v%d (its class or a JsonNode) and returning v%d."),
    UPCAST_SIGNATURE("@Upcast %s must be a public static method of a public type, taking one parameter (the old"
            + " version) and returning the next version: %s."),
    UPCAST_NEEDS_EVENT("@Upcast %s converts JSON to JSON, so it cannot tell which event and version it reads. Add"
            + " @Upcast(event = \"...\", from = n), or type one side with the event's class."),
    UPCAST_MISMATCH("@Upcast %s turns \"%s\" v%d into \"%s\" v%d: an upcast turns version n of an event into"
            + " version n + 1 of the same event. Check the parameter and return types, and @Event's name and"
            + " version on them."),
    UPCAST_TARGET_MISSING("@Upcast %s turns \"%s\" v%d into v%d, but no event \"%s\" of version %d or later is"
            + " declared in this compilation. Declare the current class with @Event(name = \"%s\", version = %d)"
            + " or later, or remove the upcast."),
    UPCAST_DUPLICATE("@Upcast %s turns \"%s\" v%d into v%d, like %s: each step has one upcast. Remove one of them."),
    AGGREGATE_KIND("@Aggregate %s is %s: an aggregate must be a public, non-generic, non-abstract class or record,"
            + " top level or static nested."),
    AGGREGATE_INVALID_NAME("@Aggregate %s has the name \"%s\": an aggregate name must match [a-z][a-z0-9_]* and have"
            + " at most 63 characters, as it names the aggregate's streams. Set a valid one, e.g. @Aggregate(\"%s\")."),
    AGGREGATE_DUPLICATE_NAME("@Aggregate %s has the name \"%s\", which @Aggregate %s already has: the name is the"
            + " stream type of both aggregates' streams, so their events would mix in one stream. Rename one of them"
            + " with @Aggregate(\"...\")."),
    AGGREGATE_ID_TYPE("@Aggregate %s has ids of type %s: aggregate ids are String or java.util.UUID. Set id ="
            + " String.class or id = UUID.class."),
    AGGREGATE_NO_INITIAL_STATE("@Aggregate %s has no usable initial state: loading a new aggregate starts from it."
            + " Add a non-private constructor without parameters, or a non-private static method initial() without"
            + " parameters returning %s."),
    APPLY_EVENT_COUNT("@Apply %s takes %d events (%s): an @Apply method takes exactly one event, after the state for"
            + " a static method, optionally followed by the EventEnvelope."),
    APPLY_SIGNATURE("@Apply %s %s: an @Apply method is non-private and either an instance method returning void"
            + " (mutable state) or %s (the new state), or a static method taking the state first and returning %s."),
    APPLY_CANNOT_CHANGE_STATE("@Apply %s returns void, but %s is a record whose components are all immutable, so the"
            + " method cannot change the state: return the new %s instead."),
    APPLY_OLD_VERSION("@Apply %s applies %s v%d, but the current version of \"%s\" is v%d (%s): stored events are"
            + " upcast to the current version before they are applied. Apply %s instead."),
    APPLY_DUPLICATE_EVENT("@Apply %s applies event \"%s\", like %s: each event has one @Apply method per aggregate."
            + " Merge the two methods."),
    HANDLE_SIGNATURE("@Handle %s must be a non-private instance method taking the command, optionally followed by the"
            + " CommandContext and an @AggregateId parameter of the aggregate's id type."),
    HANDLE_ID_NOT_ANNOTATED("@Handle %s takes %s %s, of the aggregate's id type, without @AggregateId: besides the"
            + " command, a @Handle method takes only the CommandContext and the aggregate id. Did you mean"
            + " @AggregateId %s %s?"),
    AGGREGATE_ID_TYPE_MISMATCH("@AggregateId %s of @Handle %s has type %s, but aggregate \"%s\" has %s ids: an"
            + " @AggregateId parameter has the aggregate's id type (String, or the @Aggregate(id = ...) class). Declare"
            + " it as %s %s."),
    AGGREGATE_ID_TWICE("@AggregateId %s of @Handle %s: the method already takes the aggregate id as %s, and a @Handle"
            + " method takes it at most once. Remove one of them."),
    AGGREGATE_ID_ON_COMMAND("@AggregateId %s of @Handle %s is its first parameter, which is the command: the id comes"
            + " after the command. Take the command first, e.g. %s(%s command, @AggregateId %s id)."),
    EXPECTED_VERSION_TYPE("@ExpectedVersion %s of command %s has type %s: an expected aggregate version is a long,"
            + " Long, int or Integer. Change its type."),
    EXPECTED_VERSION_TWICE("@ExpectedVersion %s of command %s: the command already states its expected version in %s,"
            + " and a command states one. Remove one of them."),
    AGGREGATE_ID_ON_COMPONENT("@AggregateId %s of %s is never read: the command bus does not take the aggregate id from"
            + " the command, it passes the id given to execute or dispatch to the @AggregateId parameter of a @Handle"
            + " method. Remove @AggregateId from %s, and take the id after the command in its @Handle method, e.g."
            + " @Handle List<Object> handle(%s command, @AggregateId String id)."),
    EXPECTED_VERSION_NOT_READ(
            Diagnostic.Kind.WARNING,
            "@ExpectedVersion %s of %s is never read: no @Handle method of this compilation takes %s (a @Handle"
                    + " method reads the @ExpectedVersion of the command type it takes, not of its subtypes), so the"
                    + " command would run without its version check. Take %s in a @Handle method of the aggregate it"
                    + " changes, or remove @ExpectedVersion. If an aggregate compiled in another module handles it, add"
                    + " @SuppressWarnings(\"%s\") to %s."),
    AGGREGATE_ID_OUTSIDE_HANDLE("@AggregateId %s of %s: only @Handle methods of an @Aggregate receive the aggregate id,"
            + " so nothing would pass it here. Remove @AggregateId, or make the method a @Handle method."),
    HANDLE_STATIC("@Handle %s is static: the generated repository calls it on the aggregate's current state, which a"
            + " static method cannot see. Make it an instance method."),
    HANDLE_JDK_COMMAND("@Handle %s takes %s as its command: commands are routed by their type, and a JDK type (a"
            + " String, a boxed number, a collection, Object) is no type of yours, so every such value would be routed"
            + " here. Take a command type of your own, e.g. record Rename(String name)."),
    HANDLE_NOT_EVENTS("@Handle %s returns %s, which is not a list of events: a command handler returns List<Object>"
            + " or a List of an event type (empty when nothing happens). Change the return type."),
    COMMAND_HANDLED_TWICE("Command %s is handled by %s and by %s: the command bus routes each command type to one"
            + " @Handle method. Remove one of them, or give one a command type of its own."),

    // Query interfaces (@DocumentQueries, @Query): every method error starts with the method's signature.
    QUERIES_NOT_INTERFACE("@DocumentQueries %s is %s: query methods are declared on an interface, which the processor"
            + " implements. Make it an interface."),
    QUERIES_NOT_DOCUMENT("@DocumentQueries(%s.class) on %s: %s is not annotated @Document, so there is no table to"
            + " query. Annotate it with @Document, or name a @Document type."),
    QUERIES_INVALID_DOCUMENT("@DocumentQueries %s was not generated: its document %s has errors. Fix the errors"
            + " reported on %s first."),
    QUERY_NAME_UNPARSEABLE("Unable to implement query method: %s. Its name is not a query: start it with find, get,"
            + " query, read, search, stream, count, exists, delete, remove or softDelete, optionally followed by First"
            + " or Top<n>, then By and criteria (findByEmail, countByStatusIn), or annotate it with @Query."),
    QUERY_UNKNOWN_FIELD("Unable to implement query method: %s. There is no property \"%s\" in %s. %s"),
    QUERY_FIELD_NOT_NAVIGABLE("Unable to implement query method: %s. \"%s\" is %s, whose fields are not known at"
            + " compile time, so \"%s\" cannot be queried. Query a field of a nested record or class."),
    QUERY_OPERATOR_TYPE(
            "Unable to implement query method: %s. %s cannot be applied to %s, which is %s: it works on" + " %s."),
    QUERY_PARAMETER_COUNT("Unable to implement query method: %s. Its criteria take %d parameter(s) but the method"
            + " declares %d (%s). Declare one parameter per value, in the order of the criteria."),
    QUERY_PARAMETER_TYPE("Unable to implement query method: %s. Parameter %s is %s, but %s %s takes %s. Change the"
            + " parameter's type."),
    QUERY_PARAMETER_UNUSED("Unable to implement query method: %s. Parameter %s is not used by the query. Use it as"
            + " :%s in the @Query, or remove it."),
    QUERY_UNKNOWN_PARAMETER("Unable to implement query method: %s. @Query uses :%s (column %d), which is not a"
            + " parameter of the method. %s"),
    QUERY_SYNTAX("Unable to implement query method: %s. @Query syntax error at column %d: %s."),
    QUERY_RETURN_TYPE("Unable to implement query method: %s. A %s method cannot return %s: return %s."),
    QUERY_PROJECTION_COMPONENT("Unable to implement query method: %s. Projection %s has the component \"%s\", which"
            + " is not a top-level property of %s. %s"),
    QUERY_PROJECTION_TYPE("Unable to implement query method: %s. Projection %s has the component %s of type %s, but"
            + " property %s of %s is %s. Give the component the property's type."),
    QUERY_PAGE_MISUSE("Unable to implement query method: %s. A PageRequest parameter pages the results of a find"
            + " method returning a List, a Stream or a Page, without First, Top or limit. Remove the parameter or the"
            + " limit."),
    QUERY_PAGE_NEEDS_REQUEST("Unable to implement query method: %s. It returns a Page, so it needs to know which page"
            + " to read: add a last parameter PageRequest page, or return a List."),
    QUERY_OUTSIDE_QUERY_INTERFACE("@Query on %s: %s is not annotated @DocumentQueries, so the processor never"
            + " implements this method. Annotate the interface with @DocumentQueries(YourDocument.class), or remove"
            + " @Query."),
    QUERY_ORDER_NOT_FIND("Unable to implement query method: %s. Only find methods sort or limit their results: remove"
            + " the order or limit from this %s method."),

    // @Projection and @ProcessManager classes and their @On methods (io.rillflow.processor.handlers): the rules are
    // shared, so the messages name the annotation (and what sets the kinds apart) as arguments.
    HANDLER_CLASS_INVALID_TYPE("@%s %s is %s: the generated %s must create or hold an instance and call its methods."
            + " Make it a non-abstract, non-generic class that is not private, top level or static nested."),
    HANDLER_CLASS_INVALID_NAME("@%1$s %2$s has the name \"%3$s\": a %4$s name must match [a-z][a-z0-9_]* and have at"
            + " most 63 characters. Set a valid one, e.g. @%1$s(name = \"%5$s\")."),
    HANDLER_CLASS_DUPLICATE_NAME("@%1$s %2$s has the name \"%3$s\", which @%4$s %5$s already has: the name keys %6$s,"
            + " so two %7$s cannot share it. Rename one of them."),
    HANDLER_CLASS_NO_HANDLERS("@%s %s has no @On method, so it would never see an event. Annotate a method that takes"
            + " an event%s with @On."),
    HANDLER_METHOD_NOT_CALLABLE("@%s method %s is %s: the generated dispatch calls it on the %s instance. Make it a"
            + " non-private instance method."),
    ANNOTATION_NOT_READ("@%s on %s is never read: %s. %s."),
    ON_NO_EVENT("@On method %s has no event parameter: its first parameter must be the event class, optionally"
            + " followed by %s."),
    ON_UNSUPPORTED_PARAMETER("@On method %s has the parameter %s of type %s, which a %s cannot supply: after the"
            + " event, parameters may only be %s."),
    ON_JDK_EVENT("@On method %s takes %s: events are decoded into the class registered for their type, which is"
            + " never a JDK type, so this method would never be called. Take one of your event classes."),
    ON_ABSTRACT_EVENT("@On method %s takes %s, which is %s: events are decoded into their concrete registered class"
            + " and dispatched by exact class, so this method would never be called. Take the concrete event class,"
            + " with one @On method per class."),
    ON_DUPLICATE_EVENT("@On method %s handles %s, which %s already handles: each event type goes to one @On method."
            + " Merge the two methods."),
    PROJECTION_REBUILD_UNSUPPORTED_PARAMETER("@Rebuild method %s has the parameter %s of type %s: a rebuild hook may"
            + " only take ProjectionContext or java.sql.Connection."),
    PROJECTION_REBUILD_DUPLICATE("@Rebuild method %s: %s is already the @Rebuild method of this projection, and a"
            + " projection has at most one. Merge the two methods."),
    PROCESS_MANAGER_ON_RETURN("@On method %s returns %s, which is not commands to send: return Dispatch<C> or"
            + " List<Dispatch<C>> (e.g. Dispatch.to(orderId, new ShipOrder(...))), where C is the command type."),
    PROCESS_MANAGER_COMMAND_UNHANDLED("@On method %s sends %s, which no @Aggregate of this compilation handles, so the"
            + " command bus could not route it. Add a @Handle method taking %s to the aggregate it is meant for, or"
            + " send a command that one handles."),
    PROCESS_MANAGER_PERMITTED_COMMAND_UNHANDLED("@On method %s sends the sealed %s, but no @Aggregate of this"
            + " compilation handles its permitted subtype %s, so the command bus could not route it. Add a @Handle"
            + " method taking %s to the aggregate it is meant for."),

    /** Every feature: a type still waiting for an unresolved type when processing is over. */
    UNRESOLVED_TYPE("@%s %s was not generated: %s could not be resolved. Fix the earlier errors (a missing import or"
            + " dependency, or a type another processor failed to generate).");

    private final Diagnostic.Kind kind;
    private final String format;

    Message(String format) {
        this(Diagnostic.Kind.ERROR, format);
    }

    /** A message of another kind than an error: a warning, for a mistake the compilation cannot be sure of. */
    Message(Diagnostic.Kind kind, String format) {
        this.kind = kind;
        this.format = format;
    }

    /** How javac reports this message. */
    public Diagnostic.Kind kind() {
        return kind;
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
