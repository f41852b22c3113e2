package io.rillflow.store.internal;

import io.rillflow.Store;
import java.util.Objects;
import java.util.function.Function;

/**
 * The context of a {@link Store}, for the few features that are handed a store by user code (generated aggregate
 * repositories take one in their constructor) without {@code Store} naming an internal type in its API. The store
 * installs the only accessor when its class is initialised, as the JDK's {@code SharedSecrets} do.
 */
public final class StoreAccess {
    private static volatile Function<Store, StoreContext> contexts;

    private StoreAccess() {}

    /** Called once, by {@code Store}'s class initialiser. */
    public static synchronized void install(Function<Store, StoreContext> accessor) {
        if (StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass() != Store.class
                || contexts != null) {
            throw new IllegalStateException("The store accessor is installed once, by Store");
        }
        contexts = Objects.requireNonNull(accessor, "accessor");
    }

    /** The context {@code store} was built with. */
    public static StoreContext contextOf(Store store) {
        Objects.requireNonNull(store, "store");
        // A Store instance exists, so its class initialiser has run and installed the accessor.
        return contexts.apply(store);
    }
}
