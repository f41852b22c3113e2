package io.rillflow.examples.accounts;

import io.rillflow.annotations.Event;
import java.util.UUID;

/**
 * Money moved between two accounts; appended to the stream of each, in the unit of work that changed both balances.
 *
 * @param from the account debited
 * @param to the account credited
 * @param amount the amount in cents
 */
@Event(name = "Accounts.MoneyMoved")
public record MoneyMoved(UUID from, UUID to, long amount) {}
