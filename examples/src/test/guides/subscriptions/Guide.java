package guides.subscriptions;

import io.rillflow.Store;
import io.rillflow.events.EventEnvelope;
import io.rillflow.examples.projections.OrderPlaced;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionHandler;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.subscriptions.TenantSubscriptionWorkers;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** The imports of docs/subscriptions.md's blocks and the names its statements use: the application's own parts. */
abstract class Guide {
    Store store;
    Subscriptions subs;
    volatile boolean running;

    /** The application's mailer. */
    interface Mailer {
        void send(OrderPlaced order);
    }

    /** The application's message broker. */
    interface Broker {
        void publish(EventEnvelope event);
    }

    Mailer mail;
    Broker broker;

    /** The application's effect, written in the transaction that acknowledges the event. */
    void insertOutboxRow(Connection connection, EventEnvelope event) throws SQLException {
        try (var insert = connection.prepareStatement("insert into outbox (global_seq) values (?)")) {
            insert.setLong(1, event.globalSeq());
            insert.executeUpdate();
        }
    }
}
