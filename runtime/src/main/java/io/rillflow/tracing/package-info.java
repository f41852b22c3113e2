/**
 * Developer traces: when enabled with {@code StoreBuilder.tracing(true)}, breadcrumbs of commands, appends and
 * projections per correlation id in a bounded in-memory sink ({@code store.tracing()}), exportable as a Mermaid
 * sequence diagram.
 */
package io.rillflow.tracing;
