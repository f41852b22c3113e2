package io.rillflow.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a generated {@link RillflowRegistry} declares, entry by entry, kept in its class file for the annotation
 * processor alone. A later compilation of only some of the sources (an IDE's or an incremental build's, with the
 * earlier output on the class path) reads it to keep the entries of the types it does not compile again, so that the
 * registry it writes in place of this one still declares them. Application code never needs it.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RegistryContents {
    /** The entries, in the order of the registry's lists. */
    Entry[] value();

    /** One element of one list of the registry. */
    @Retention(RetentionPolicy.CLASS)
    @Target({})
    @interface Entry {
        /** The {@link RillflowRegistry} method whose list holds the entry, e.g. {@code documents}. */
        String method();

        /** The qualified name of the user type the entry was generated for. */
        String origin();

        /** What identifies the entry in its list: a type's qualified name, or an event's name and version. */
        String key();

        /** The entry's Java expression, with qualified type names, exactly as the registry returns it. */
        String code();
    }
}
