/**
 * The store's schema: versioned migrations shipped with the runtime and the declared document tables and indexes.
 * {@code store.schema().plan()} shows the pending DDL, {@code sync()} applies it under an advisory lock so that nodes
 * starting together migrate once.
 */
package io.rillflow.schema;
