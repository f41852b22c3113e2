package io.rillflow.processor;

import com.palantir.javapoet.ClassName;

/**
 * Every runtime (and library) type that generated code names or that validators recognise by name. Validators compare
 * with {@link ClassName#canonicalName()}, so a type that moves to another package is one edit here.
 */
public final class RuntimeTypes {
    private static final String ROOT = "io.rillflow";
    private static final String DOCUMENTS = ROOT + ".documents";
    private static final String QUERY = ROOT + ".query";
    private static final String EVENTS = ROOT + ".events";
    private static final String AGGREGATES = ROOT + ".aggregates";
    private static final String PROJECTIONS = ROOT + ".projections";
    private static final String PROCESSES = ROOT + ".processes";
    private static final String SPI = ROOT + ".spi";

    public static final ClassName STORE = ClassName.get(ROOT, "Store");

    /** The registry service every generated registry implements, and the annotation recording its entries. */
    public static final ClassName REGISTRY = ClassName.get(SPI, "RillflowRegistry");

    public static final ClassName REGISTRY_CONTENTS = ClassName.get(SPI, "RegistryContents");

    public static final ClassName DOCUMENT_REPOSITORY = ClassName.get(DOCUMENTS, "DocumentRepository");
    public static final ClassName DOCUMENT_COLLECTION = ClassName.get(DOCUMENTS, "DocumentCollection");
    public static final ClassName DOCUMENT_DEFINITION = ClassName.get(DOCUMENTS, "DocumentDefinition");
    public static final ClassName INDEX_DEFINITION = ClassName.get(DOCUMENTS, "IndexDefinition");

    public static final ClassName QUERY_FACTORY = ClassName.get(SPI, "QueryFactory");
    public static final ClassName COMPILED_QUERY_SUPPORT = ClassName.get(SPI, "CompiledQuerySupport");
    public static final ClassName COMPILED_STATEMENT = ClassName.get(SPI, "CompiledStatement");
    public static final ClassName SQL_TYPE = ClassName.get("io.rillflow.sql", "SqlType");
    public static final ClassName PAGE_REQUEST = ClassName.get(QUERY, "PageRequest");

    /** The metamodel's path classes. */
    public static final ClassName STRING_PATH = ClassName.get(QUERY, "StringPath");

    public static final ClassName FULL_TEXT_PATH = ClassName.get(QUERY, "FullTextPath");
    public static final ClassName UUID_PATH = ClassName.get(QUERY, "UuidPath");
    public static final ClassName NUMBER_PATH = ClassName.get(QUERY, "NumberPath");
    public static final ClassName BOOLEAN_PATH = ClassName.get(QUERY, "BooleanPath");
    public static final ClassName TEMPORAL_PATH = ClassName.get(QUERY, "TemporalPath");
    public static final ClassName ENUM_PATH = ClassName.get(QUERY, "EnumPath");
    public static final ClassName COLLECTION_PATH = ClassName.get(QUERY, "CollectionPath");
    public static final ClassName OBJECT_PATH = ClassName.get(QUERY, "ObjectPath");

    public static final ClassName EVENT_ENVELOPE = ClassName.get(EVENTS, "EventEnvelope");
    public static final ClassName EVENT_TYPE_DEFINITION = ClassName.get(EVENTS, "EventTypeDefinition");
    public static final ClassName EVENT_UPCASTER = ClassName.get(EVENTS, "EventUpcaster");

    public static final ClassName AGGREGATE_REPOSITORY = ClassName.get(AGGREGATES, "AggregateRepository");
    public static final ClassName AGGREGATE_DEFINITION = ClassName.get(AGGREGATES, "AggregateDefinition");
    public static final ClassName COMMAND_CONTEXT = ClassName.get(AGGREGATES, "CommandContext");

    public static final ClassName PROJECTION_HANDLER = ClassName.get(PROJECTIONS, "ProjectionHandler");
    public static final ClassName PROJECTION_DEFINITION = ClassName.get(PROJECTIONS, "ProjectionDefinition");
    public static final ClassName PROJECTION_CONTEXT = ClassName.get(PROJECTIONS, "ProjectionContext");
    public static final ClassName PROJECTION_MODE = ClassName.get("io.rillflow.annotations", "ProjectionMode");

    public static final ClassName PROCESS_MANAGER_HANDLER = ClassName.get(PROCESSES, "ProcessManagerHandler");
    public static final ClassName PROCESS_MANAGER_DEFINITION = ClassName.get(PROCESSES, "ProcessManagerDefinition");
    public static final ClassName DISPATCH = ClassName.get(PROCESSES, "Dispatch");

    /** Jackson's tree types, which upcasts may take and return. */
    public static final ClassName JSON_NODE = ClassName.get("com.fasterxml.jackson.databind", "JsonNode");

    public static final ClassName OBJECT_NODE = ClassName.get("com.fasterxml.jackson.databind.node", "ObjectNode");

    private RuntimeTypes() {}
}
