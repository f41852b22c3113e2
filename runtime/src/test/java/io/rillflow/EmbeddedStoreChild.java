package io.rillflow;

import io.rillflow.events.Event;
import io.rillflow.events.Expected;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The application that {@link EmbeddedStoreCrashTest} kills: it opens {@code Store.embedded(args[0])}, commits a
 * document and {@code args[2]} events to the stream {@code args[1]}, prints {@code READY} and waits.
 */
public final class EmbeddedStoreChild {
    private EmbeddedStoreChild() {}

    public static void main(String[] args) throws InterruptedException {
        Store store = Store.embedded(Path.of(args[0]));
        UUID stream = UUID.fromString(args[1]);
        store.documents(EmbeddedStoreCrashTest.Note.class, UUID.class)
                .put(stream, new EmbeddedStoreCrashTest.Note("before the crash"));
        int events = Integer.parseInt(args[2]);
        for (int i = 0; i < events; i++) {
            store.events().append(stream, Expected.any(), List.of(Event.of("Counted", Map.of("n", i))));
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
