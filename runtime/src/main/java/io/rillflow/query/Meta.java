package io.rillflow.query;

import java.time.Instant;

/**
 * The metadata columns every document table has, as paths for the query DSL of any document type:
 * {@code customers.query().where(Meta.updatedAt().after(since)).orderBy(Meta.updatedAt().desc())}. They compare the
 * columns themselves, not fields of the JSON body, and take values of the column's type only: {@code Instant} for the
 * timestamps, {@code Long} for the version, {@code String} for the actors.
 *
 * <p>The store keeps these values: {@link Path#set} on them throws, and a document field of the same name is a
 * different thing, reached through the document's metamodel.
 */
public final class Meta {
    private static final TemporalPath<Instant> CREATED_AT = new TemporalPath<>("created_at", Instant.class);
    private static final TemporalPath<Instant> UPDATED_AT = new TemporalPath<>("updated_at", Instant.class);
    private static final TemporalPath<Instant> DELETED_AT = new TemporalPath<>("deleted_at", Instant.class);
    private static final NumberPath<Long> VERSION = new NumberPath<>("version");
    private static final StringPath CREATED_BY = new StringPath("created_by");
    private static final StringPath LAST_MODIFIED_BY = new StringPath("last_modified_by");

    private Meta() {}

    /** When the document was first stored (column {@code created_at}). */
    public static TemporalPath<Instant> createdAt() {
        return CREATED_AT;
    }

    /** When the document last changed, soft delete and restore included (column {@code updated_at}). */
    public static TemporalPath<Instant> updatedAt() {
        return UPDATED_AT;
    }

    /**
     * When the document was soft-deleted (column {@code deleted_at}); null for live documents, so it is useful with
     * {@link DocumentQuery#onlyDeleted()} or {@link DocumentQuery#includeDeleted()}.
     */
    public static TemporalPath<Instant> deletedAt() {
        return DELETED_AT;
    }

    /** The document's version (column {@code version}): 1 after the first write, one more after each change. */
    public static NumberPath<Long> version() {
        return VERSION;
    }

    /**
     * The actor that first stored the document (column {@code created_by}); null when that write had none, so
     * {@code Meta.createdBy().isNull()} finds those.
     */
    public static StringPath createdBy() {
        return CREATED_BY;
    }

    /**
     * The actor of the document's last change, soft delete and restore included (column {@code last_modified_by});
     * null when that write had none: {@code Meta.lastModifiedBy().eq("ada")}.
     */
    public static StringPath lastModifiedBy() {
        return LAST_MODIFIED_BY;
    }
}
