/**
 * Sessions: units of work that stage document writes, appends and aggregate commands and save them in one
 * transaction, with an identity map, optional dirty tracking, and the caller's own transaction when asked.
 */
package io.rillflow.sessions;
