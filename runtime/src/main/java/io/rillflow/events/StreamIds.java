package io.rillflow.events;

import io.rillflow.internal.NulCharacters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic stream ids for names such as {@code orders:42}: a name-based UUID (version 5, SHA-1) in Rillflow's
 * own namespace. The same name gives the same id on every node and in every run without a database round trip, so
 * aliases can never race into two streams.
 */
public final class StreamIds {
    /** Rillflow's namespace for name-based stream ids; never change it, or every alias moves to a new stream. */
    public static final UUID NAMESPACE = UUID.fromString("5b3f2a0e-7c1d-4e8a-9f62-1d0c8b7a4e35");

    private StreamIds() {}

    /** The stream id for {@code name}. */
    public static UUID forName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A stream name must not be empty");
        }
        NulCharacters.requireNone("the stream name", name);
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-1", e);
        }
        ByteBuffer namespace = ByteBuffer.allocate(16)
                .putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits());
        sha1.update(namespace.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
