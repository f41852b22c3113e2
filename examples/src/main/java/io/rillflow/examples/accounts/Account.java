package io.rillflow.examples.accounts;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Id;
import java.util.UUID;

/**
 * A bank account: a mutable document, changed in place by code holding it, which a dirty-tracked session stores
 * without being told.
 */
@Document
public class Account {
    @Id
    private UUID id;

    private String owner;
    private long balance;

    /** For Jackson. */
    public Account() {}

    /** A new account of {@code owner} holding {@code balance}. */
    public Account(UUID id, String owner, long balance) {
        this.id = id;
        this.owner = owner;
        this.balance = balance;
    }

    /** The account's id. */
    public UUID getId() {
        return id;
    }

    /** Sets the id; for Jackson. */
    public void setId(UUID id) {
        this.id = id;
    }

    /** Who holds the account. */
    public String getOwner() {
        return owner;
    }

    /** Sets who holds the account. */
    public void setOwner(String owner) {
        this.owner = owner;
    }

    /** The balance in cents. */
    public long getBalance() {
        return balance;
    }

    /** Sets the balance; for Jackson. */
    public void setBalance(long balance) {
        this.balance = balance;
    }

    /**
     * Takes {@code amount} cents out.
     *
     * @throws IllegalStateException if the balance is smaller
     */
    public void withdraw(long amount) {
        if (amount > balance) {
            throw new IllegalStateException("Account " + id + " holds " + balance + ", cannot withdraw " + amount);
        }
        balance -= amount;
    }

    /** Puts {@code amount} cents in. */
    public void deposit(long amount) {
        balance += amount;
    }
}
