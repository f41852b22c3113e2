package io.rillflow.aggregates.internal;

import io.rillflow.aggregates.AggregateRepository;
import java.util.Objects;
import java.util.function.Function;

/**
 * The engine behind an {@link AggregateRepository}, for a session that decides commands with the repository's own
 * configuration ({@code beforeCommit}) and appends them with the rest of its unit, without the repository naming an
 * internal type in its API. The repository installs the only accessor when its class is initialised, as
 * {@code StoreAccess} does for the store.
 */
public final class EngineAccess {
    private static volatile Function<AggregateRepository<?, ?>, AggregateEngine<?, ?>> engines;

    private EngineAccess() {}

    /** Called once, by {@code AggregateRepository}'s class initialiser. */
    public static synchronized void install(Function<AggregateRepository<?, ?>, AggregateEngine<?, ?>> accessor) {
        if (StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass()
                        != AggregateRepository.class
                || engines != null) {
            throw new IllegalStateException("The engine accessor is installed once, by AggregateRepository");
        }
        engines = Objects.requireNonNull(accessor, "accessor");
    }

    /** The engine of {@code repository}. */
    @SuppressWarnings("unchecked")
    public static <S, I> AggregateEngine<S, I> engineOf(AggregateRepository<S, I> repository) {
        Objects.requireNonNull(repository, "repository");
        // An instance exists, so its class initialiser has run and installed the accessor.
        return (AggregateEngine<S, I>) engines.apply(repository);
    }
}
