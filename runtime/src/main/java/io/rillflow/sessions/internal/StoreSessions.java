package io.rillflow.sessions.internal;

import io.rillflow.ConcurrencyException;
import io.rillflow.sessions.DocumentSession;
import io.rillflow.sessions.SessionOptions;
import io.rillflow.sessions.SessionWork;
import io.rillflow.spi.QueryFactory;
import io.rillflow.store.internal.StoreContext;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** The sessions of one store (or tenant view): opened on its context, from its defaults, retried on a conflict. */
public final class StoreSessions {
    private final StoreContext context;
    private final SessionOptions defaults;
    private final Function<Class<?>, QueryFactory<?>> queryFactories;

    /** Sessions on {@code context} starting from {@code defaults}, finding query implementations with the function. */
    public StoreSessions(
            StoreContext context, SessionOptions defaults, Function<Class<?>, QueryFactory<?>> queryFactories) {
        this.context = context;
        this.defaults = defaults;
        this.queryFactories = queryFactories;
    }

    /** What every session starts from. */
    public SessionOptions defaults() {
        return defaults;
    }

    /** A new session with the defaults as {@code options} changes them. */
    public DocumentSession open(UnaryOperator<SessionOptions> options) {
        return new StoreSession(context, customized(options), queryFactories);
    }

    /**
     * Runs {@code work} on a new session and saves it, on a fresh session again after a conflict, up to the options'
     * {@code maxAttempts} (once within a caller's transaction, which is the caller's to retry).
     */
    public <R> R run(UnaryOperator<SessionOptions> options, SessionWork<R> work) {
        Objects.requireNonNull(work, "work");
        SessionOptions chosen = customized(options);
        int attempts = chosen.connection().isPresent() ? 1 : chosen.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            try (DocumentSession session = new StoreSession(context, chosen, queryFactories)) {
                R result = work.run(session);
                session.saveChanges();
                return result;
            } catch (ConcurrencyException e) {
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }

    private SessionOptions customized(UnaryOperator<SessionOptions> options) {
        return Objects.requireNonNull(
                Objects.requireNonNull(options, "options").apply(defaults),
                "the session options returned by the customizer");
    }
}
