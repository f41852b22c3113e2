package com.example.library;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Handle;
import java.util.List;
import java.util.UUID;

/** The lending of one book, as events: its id is the book's id. */
@Aggregate(value = "book_loan", id = UUID.class)
public final class BookLoan {
    public record Lend(String reader) {}

    public record Lent(String reader) {}

    private String reader;

    @Handle
    List<Object> lend(Lend command) {
        if (reader != null) {
            throw new IllegalStateException("The book is lent to " + reader + " already");
        }
        return List.of(new Lent(command.reader()));
    }

    @Apply
    void on(Lent event) {
        reader = event.reader();
    }
}
