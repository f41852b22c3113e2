/**
 * Documents: one table per {@code @Document} type, JSON with a version for optimistic concurrency, soft delete,
 * patches and bulk inserts. Use the generated {@code <Document>Repository} (a
 * {@link io.rillflow.documents.DocumentRepository}) or {@code store.documents(type)}, a
 * {@link io.rillflow.documents.DocumentCollection}. The definitions are what the processor generates for each type.
 */
package io.rillflow.documents;
