package io.rillflow.admin.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rillflow.RillflowException;
import io.rillflow.admin.AdminServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The admin endpoint on the JDK's {@code com.sun.net.httpserver}: three read-only resources and nothing else, so it
 * needs no framework. Every request is checked for the token first (when there is one), before its path is looked at,
 * so an unauthenticated caller learns nothing, not even which paths exist.
 */
public final class AdminHttpServer implements AdminServer {
    /** Shorter tokens are refused: the endpoint may face a network, and a token is all that guards it. */
    static final int MIN_TOKEN_LENGTH = 16;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    /** Enough for a scrape and the probes at once; a readiness check never holds more than one (see Readiness). */
    private static final int THREAD_COUNT = 4;

    private final HttpServer server;
    private final ExecutorService threads;
    private final byte[] token;
    private final Readiness readiness;
    private final Supplier<String> scrape;

    private AdminHttpServer(
            HttpServer server, ExecutorService threads, String token, Readiness readiness, Supplier<String> scrape) {
        this.server = server;
        this.threads = threads;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.readiness = readiness;
        this.scrape = scrape;
    }

    /**
     * Binds {@code bind} and starts serving.
     *
     * @param scrape the Prometheus text of the store's meters, or null when it has no Prometheus registry
     */
    static AdminHttpServer start(InetSocketAddress bind, String token, Readiness readiness, Supplier<String> scrape) {
        requireSafe(bind, token);
        HttpServer server;
        try {
            server = HttpServer.create(bind, 0);
        } catch (IOException e) {
            throw new RillflowException("Cannot serve the admin endpoint on " + bind + ": " + e.getMessage(), e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREAD_COUNT, r -> {
            Thread t = new Thread(r, "rillflow-admin-http-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AdminHttpServer admin = new AdminHttpServer(server, threads, token, readiness, scrape);
        server.createContext("/", admin::handle);
        server.setExecutor(threads);
        server.start();
        return admin;
    }

    private static void requireSafe(InetSocketAddress bind, String token) {
        if (bind == null || bind.isUnresolved()) {
            throw new IllegalArgumentException("The admin endpoint needs a resolved address to bind, got " + bind);
        }
        if (token == null) {
            if (!bind.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("Binding the admin endpoint to " + bind + " requires a token:"
                        + " it would answer the network unauthenticated. Give a token, or bind 127.0.0.1");
            }
        } else if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("The admin endpoint's token must be at least " + MIN_TOKEN_LENGTH
                    + " characters, was " + token.length());
        }
    }

    @Override
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                json(exchange, 401, error("a valid token is required: Authorization: Bearer <token>"));
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                json(exchange, 405, error("only GET and HEAD are served, not " + method));
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/health/live" ->
                    json(exchange, 200, JsonNodeFactory.instance.objectNode().put("status", "UP"));
                case "/health/ready" -> {
                    ObjectNode body = readiness.check();
                    json(exchange, "UP".equals(body.path("status").asText()) ? 200 : 503, body);
                }
                case "/metrics" -> metrics(exchange);
                default ->
                    json(
                            exchange,
                            404,
                            error("not found: the endpoint serves /metrics, /health/live and" + " /health/ready"));
            }
        }
    }

    private boolean authorized(HttpExchange exchange) {
        if (token == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // Constant time: the comparison never ends early at the first wrong byte, so timing does not reveal a prefix.
        return MessageDigest.isEqual(given, token);
    }

    private void metrics(HttpExchange exchange) throws IOException {
        if (scrape == null) {
            json(
                    exchange,
                    404,
                    error("the store has no Prometheus registry: build it with"
                            + " StoreBuilder.meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))"));
            return;
        }
        send(exchange, 200, PrometheusScrape.CONTENT_TYPE, scrape.get().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode error(String message) {
        return JsonNodeFactory.instance.objectNode().put("error", message);
    }

    private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        send(exchange, status, JSON_TYPE, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
