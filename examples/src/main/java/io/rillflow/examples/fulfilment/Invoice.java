package io.rillflow.examples.fulfilment;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Handle;
import java.math.BigDecimal;
import java.util.List;

/** The invoice of one order, with {@code String} ids (the order's id as text): what was charged. */
@Aggregate("invoice")
public final class Invoice {
    private BigDecimal charged = BigDecimal.ZERO;

    /** The sum charged so far. */
    public BigDecimal charged() {
        return charged;
    }

    @Handle
    List<Object> charge(FulfilmentCommand.Charge command) {
        return List.of(new FulfilmentEvent.Charged(command.orderId(), command.amount()));
    }

    @Apply
    void on(FulfilmentEvent.Charged event) {
        charged = charged.add(event.amount());
    }
}
