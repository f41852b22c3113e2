package io.rillflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * One step of an event's upcast chain: turns the JSON of version {@code fromVersion} of event {@code eventName} into
 * the JSON of version {@code fromVersion + 1}. Generated from {@code @Upcast} methods; the store chains the steps on
 * every read until the stored event reaches the version its class has.
 *
 * @param eventName the stored type name
 * @param fromVersion the version this step reads
 * @param step the conversion
 */
public record EventUpcaster(String eventName, int fromVersion, Step step) {
    /** The conversion of one step; typed upcasts read and write their records through {@code mapper}. */
    @FunctionalInterface
    public interface Step {
        /** The JSON of the next version for {@code data}; the mapper is the store's. */
        JsonNode apply(JsonNode data, ObjectMapper mapper) throws IOException;
    }

    /** Checks the event name is not blank, the from-version is 1 or more and there is a step. */
    public EventUpcaster {
        if (eventName == null || eventName.isBlank() || fromVersion < 1) {
            throw new IllegalArgumentException("An upcaster needs a non-blank event name and a from-version of 1 or"
                    + " more; got " + eventName + " v" + fromVersion);
        }
        Objects.requireNonNull(step, "step");
    }
}
