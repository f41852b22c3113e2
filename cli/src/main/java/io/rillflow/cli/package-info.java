/**
 * The {@code rillflow} admin command line: schema planning and sync, tenants, projections, subscriptions, documents
 * and streams, plus the health and metrics endpoint of a long-running daemon.
 */
package io.rillflow.cli;
