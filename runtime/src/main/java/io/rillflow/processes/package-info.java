/**
 * Process managers: workflows that react to events with commands, run by the projection daemon under a lease and
 * dispatched through the store's command bus with idempotency keys ({@code store.processManagers()}). A
 * {@code @ProcessManager} class returns {@link io.rillflow.processes.Dispatch}es; the generated handler routes events
 * to it.
 */
package io.rillflow.processes;
