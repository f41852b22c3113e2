/**
 * The entry point and the errors. {@link io.rillflow.Store} is a document store and an event store in one PostgreSQL
 * schema; build it with {@link io.rillflow.Store#builder()} (or {@code Store.connect(url)}, {@code Store.embedded(dir)})
 * and reach every feature from it. Conflicts and database errors are {@link io.rillflow.RillflowException}s,
 * whose subclasses name what happened (expected and actual versions, a repeated idempotency key, an unknown event
 * type, schema drift); misuse by the caller (a null argument, an invalid option) is an
 * {@code IllegalArgumentException} or {@code IllegalStateException} naming the bad value.
 */
package io.rillflow;
