package guides.sessions;

import io.rillflow.ConcurrencyException;
import io.rillflow.Store;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.aggregates.CommandResult;
import io.rillflow.events.Expected;
import io.rillflow.examples.accounts.Account;
import io.rillflow.examples.accounts.AccountRepository;
import io.rillflow.examples.accounts.MoneyMoved;
import io.rillflow.examples.orders.Order;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.sessions.SessionAggregates;
import io.rillflow.sessions.SessionKind;
import io.rillflow.sessions.SessionOptions;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

/** The imports of docs/sessions.md's blocks and the names its statements use. */
abstract class Guide {
    Store store;
    String url;
    AccountRepository accounts;
    OrderRepository orders;
    UUID from;
    UUID to;
    UUID orderId;
    long amount;
    String user;
    UUID requestId;
}
