package com.example.library;

import io.rillflow.annotations.On;
import io.rillflow.annotations.Projection;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.ProjectionContext;
import java.util.UUID;

/** Keeps a {@link Loan} document per lent book, from the {@link BookLoan} events. */
@Projection(name = "loans")
public class Loans {
    @On
    void on(BookLoan.Lent event, EventEnvelope meta, ProjectionContext context) {
        UUID bookId = meta.streamId();
        context.documents(Loan.class, UUID.class).put(bookId, new Loan(bookId, event.reader()));
    }
}
