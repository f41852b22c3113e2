/**
 * The event store: append to a stream with an {@link io.rillflow.events.Expected} version, read a stream or the whole
 * log in global order, resolve named streams ({@code store.events()}, an {@link io.rillflow.events.EventStore}). Events
 * come back as {@link io.rillflow.events.EventEnvelope}s holding their metadata and decoding the payload on demand,
 * upcast to the current version of their class.
 */
package io.rillflow.events;
