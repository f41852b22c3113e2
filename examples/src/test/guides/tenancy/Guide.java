package guides.tenancy;

import io.rillflow.Store;
import io.rillflow.TenantNotFoundException;
import io.rillflow.archive.ArchiveReport;
import io.rillflow.aggregates.CommandContext;
import io.rillflow.events.Expected;
import io.rillflow.examples.catalog.Product;
import io.rillflow.examples.catalog.ProductQueries;
import io.rillflow.examples.catalog.ProductRepository;
import io.rillflow.examples.fulfilment.Fulfilment;
import io.rillflow.examples.orders.OrderCreated;
import io.rillflow.examples.orders.OrderCommand;
import io.rillflow.examples.orders.OrderRepository;
import io.rillflow.examples.projections.CustomerSummaries;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.schema.SchemaPlan;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.tenancy.TenancyStrategy;
import io.rillflow.tenancy.TenantContext;
import io.rillflow.tenancy.TenantResolver;
import io.rillflow.tenancy.Tenants;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The imports of docs/tenancy.md's blocks and the names its statements use. */
abstract class Guide {
    Store store;
    String url;
    String tenant;
    Product product;
    UUID orderId;
}
