/**
 * Sessions: accounts whose balances and ledger events change together in one unit of work.
 */
package io.rillflow.examples.accounts;
