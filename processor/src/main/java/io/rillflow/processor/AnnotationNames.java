package io.rillflow.processor;

/**
 * The qualified names of every annotation the processor reads. Annotations are read as mirrors by name, never as
 * loaded classes, so the processor needs neither the user's class path nor Jackson at run time; keeping the names here
 * means a moved annotation is one edit.
 */
public final class AnnotationNames {
    private static final String RILLFLOW = "io.rillflow.annotations.";
    private static final String JACKSON = "com.fasterxml.jackson.annotation.";

    public static final String DOCUMENT = RILLFLOW + "Document";
    public static final String ID = RILLFLOW + "Id";
    public static final String INDEX = RILLFLOW + "Index";
    public static final String INDEXES = RILLFLOW + "Indexes";
    public static final String FULL_TEXT = RILLFLOW + "FullText";
    public static final String DOCUMENT_QUERIES = RILLFLOW + "DocumentQueries";
    public static final String QUERY = RILLFLOW + "Query";
    public static final String EVENT = RILLFLOW + "Event";
    public static final String UPCAST = RILLFLOW + "Upcast";
    public static final String AGGREGATE = RILLFLOW + "Aggregate";
    public static final String APPLY = RILLFLOW + "Apply";
    public static final String HANDLE = RILLFLOW + "Handle";
    public static final String AGGREGATE_ID = RILLFLOW + "AggregateId";
    public static final String EXPECTED_VERSION = RILLFLOW + "ExpectedVersion";
    public static final String PROJECTION = RILLFLOW + "Projection";
    public static final String PROCESS_MANAGER = RILLFLOW + "ProcessManager";
    public static final String ON = RILLFLOW + "On";
    public static final String REBUILD = RILLFLOW + "Rebuild";

    /** Jackson's annotations, which decide what a document's JSON holds. */
    public static final String JSON_PROPERTY = JACKSON + "JsonProperty";

    public static final String JSON_IGNORE = JACKSON + "JsonIgnore";
    public static final String JSON_CREATOR = JACKSON + "JsonCreator";
    public static final String JSON_VALUE = JACKSON + "JsonValue";

    private AnnotationNames() {}
}
