package guides.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.Store;
import io.rillflow.admin.AdminServer;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The imports of docs/metrics.md's blocks and the names its statements use. */
abstract class Guide {
    String url;
    Store store;
}
