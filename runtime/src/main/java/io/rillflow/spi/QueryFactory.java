package io.rillflow.spi;

import io.rillflow.Store;
import java.util.Objects;
import java.util.function.Function;

/**
 * Creates the generated implementation of a {@code @DocumentQueries} interface for a store. Generated registries list
 * one per interface, and {@link Store#queries(Class)} finds it in a map built once per store: no reflection per call.
 *
 * @param <Q> the query interface
 */
public interface QueryFactory<Q> {
    /** The query interface. */
    Class<Q> type();

    /** A new implementation running on {@code store}. */
    Q create(Store store);

    /** The factory of {@code type} whose implementations {@code create} makes; used by generated code. */
    static <Q> QueryFactory<Q> of(Class<Q> type, Function<Store, ? extends Q> create) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(create, "create");
        return new QueryFactory<>() {
            @Override
            public Class<Q> type() {
                return type;
            }

            @Override
            public Q create(Store store) {
                return create.apply(store);
            }
        };
    }
}
