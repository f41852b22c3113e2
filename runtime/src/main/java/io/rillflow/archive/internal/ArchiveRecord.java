package io.rillflow.archive.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.rillflow.archive.ArchiveFormatException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * One line of an export file, parsed, with typed reads of its fields. Every value is checked here, before it goes to
 * COPY, so that a bad one is reported with its line number rather than as a database error about a row of a COPY.
 */
final class ArchiveRecord {
    /**
     * Reads numbers as written: {@code 4.50} stays {@code 4.50} and {@code 0.1} is not a double, since values go back
     * to PostgreSQL as this parser writes them again, and jsonb keeps a number's digits.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final JsonNode node;
    private final Path file;
    private final long line;
    private final String kind;

    private ArchiveRecord(JsonNode node, Path file, long line) {
        this.node = node;
        this.file = file;
        this.line = line;
        JsonNode k = node.get("kind");
        if (k == null || !k.isTextual()) {
            throw bad("has no \"kind\": every record of an export says what it holds");
        }
        this.kind = k.textValue();
    }

    /** Line {@code line} of {@code file}. */
    static ArchiveRecord parse(Path file, long line, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ArchiveFormatException(file, line, "is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new ArchiveFormatException(file, line, "is not a JSON object");
        }
        return new ArchiveRecord(node, file, line);
    }

    String kind() {
        return kind;
    }

    long line() {
        return line;
    }

    ArchiveFormatException bad(String problem) {
        return new ArchiveFormatException(file, line, problem);
    }

    String text(String field) {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw wrongType(field, value, "text");
        }
        return value.textValue();
    }

    String optionalText(String field) {
        return absent(field) ? null : text(field);
    }

    long number(String field) {
        JsonNode value = required(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(field, value, "a whole number");
        }
        return value.longValue();
    }

    int integer(String field) {
        long value = number(field);
        if (value != (int) value) {
            throw bad("has \"" + field + "\": " + value + ", beyond the range of an integer");
        }
        return (int) value;
    }

    boolean bool(String field) {
        JsonNode value = required(field);
        if (!value.isBoolean()) {
            throw wrongType(field, value, "true or false");
        }
        return value.booleanValue();
    }

    String uuid(String field) {
        String text = text(field);
        try {
            return UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            throw bad("has \"" + field + "\": \"" + shown(text) + "\", not a UUID");
        }
    }

    String optionalUuid(String field) {
        return absent(field) ? null : uuid(field);
    }

    /** An ISO-8601 timestamp with its offset, as its text: PostgreSQL reads it back exactly. */
    String timestamp(String field) {
        String text = text(field);
        try {
            OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw bad("has \"" + field + "\": \"" + shown(text) + "\", not an ISO-8601 timestamp with an offset");
        }
        return text;
    }

    String optionalTimestamp(String field) {
        return absent(field) ? null : timestamp(field);
    }

    /** Any JSON value but null, as JSON text. */
    String json(String field) {
        return required(field).toString();
    }

    String object(String field) {
        JsonNode value = required(field);
        if (!value.isObject()) {
            throw wrongType(field, value, "a JSON object");
        }
        return value.toString();
    }

    /** A document id of the SQL type {@code idType} (uuid, bigint or text), as text. */
    String id(String field, String idType) {
        return switch (idType) {
            case "uuid" -> uuid(field);
            case "bigint" -> Long.toString(number(field));
            default -> text(field);
        };
    }

    private boolean absent(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull();
    }

    private JsonNode required(String field) {
        if (absent(field)) {
            throw bad("has no \"" + field + "\" (a " + kind + " record needs it)");
        }
        return node.get(field);
    }

    private ArchiveFormatException wrongType(String field, JsonNode value, String expected) {
        return bad("has \"" + field + "\": " + shown(value.toString()) + ", expected " + expected);
    }

    private static String shown(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
