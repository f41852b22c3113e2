package io.rillflow.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import io.rillflow.JsonLimits;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Checks every value as Jackson writes it, so that what is stored can be read back and PostgreSQL can take it: text
 * longer than {@link JsonLimits#maxStringLength()}, field names longer than {@link JsonLimits#maxNameLength()},
 * numbers with more digits than {@link JsonLimits#maxNumberLength()}, and the NUL character anywhere (jsonb refuses
 * it), and nesting deeper than {@link JsonLimits#maxNestingDepth()} fail the write with a {@link Refusal} naming the
 * field.
 *
 * <p>Checking here, token by token, costs a length comparison per value and one scan per text for NUL; parsing the
 * written JSON again would cost a second full pass. Raw values ({@code @JsonRawValue}) are written unchecked.
 */
final class CheckedJsonGenerator extends JsonGeneratorDelegate {
    private final JsonLimits limits;

    CheckedJsonGenerator(JsonGenerator generator, JsonLimits limits) {
        // false: trees and nested POJOs are written through this generator too, not straight to the delegate.
        super(generator, false);
        this.limits = limits;
    }

    /** Why a value was not written, and where it is. */
    static final class Refusal extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        private final String field;

        Refusal(String problem, String field) {
            super(problem);
            this.field = field;
        }

        /** The dotted path of the field, or empty for the top-level value. */
        String field() {
            return field;
        }
    }

    @Override
    public void writeStartObject() throws IOException {
        checkDepth();
        super.writeStartObject();
    }

    @Override
    public void writeStartObject(Object forValue) throws IOException {
        checkDepth();
        super.writeStartObject(forValue);
    }

    @Override
    public void writeStartObject(Object forValue, int size) throws IOException {
        checkDepth();
        super.writeStartObject(forValue, size);
    }

    @Override
    public void writeStartArray() throws IOException {
        checkDepth();
        super.writeStartArray();
    }

    @Override
    public void writeStartArray(int size) throws IOException {
        checkDepth();
        super.writeStartArray(size);
    }

    @Override
    public void writeStartArray(Object forValue) throws IOException {
        checkDepth();
        super.writeStartArray(forValue);
    }

    @Override
    public void writeStartArray(Object forValue, int size) throws IOException {
        checkDepth();
        super.writeStartArray(forValue, size);
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        checkName(name);
        super.writeFieldName(name);
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        checkName(name.getValue());
        super.writeFieldName(name);
    }

    @Override
    public void writeString(String text) throws IOException {
        if (text != null) {
            checkText(text.length(), text.indexOf('\u0000') >= 0);
        }
        super.writeString(text);
    }

    @Override
    public void writeString(char[] text, int offset, int length) throws IOException {
        checkText(length, hasNul(text, offset, length));
        super.writeString(text, offset, length);
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        String value = text.getValue();
        checkText(value.length(), value.indexOf('\u0000') >= 0);
        super.writeString(text);
    }

    @Override
    public void writeString(Reader reader, int length) throws IOException {
        if (length >= 0) {
            checkText(length, false);
        }
        super.writeString(reader, length);
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        checkUtf8(text, offset, length);
        super.writeUTF8String(text, offset, length);
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        checkUtf8(text, offset, length);
        super.writeRawUTF8String(text, offset, length);
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int length) throws IOException {
        // Binary is stored as Base64 text and read back as a string: four characters per three bytes.
        checkText(4L * ((length + 2L) / 3), false);
        super.writeBinary(variant, data, offset, length);
    }

    @Override
    public void writeNumber(BigInteger value) throws IOException {
        if (value != null) {
            checkNumber(value.toString());
        }
        super.writeNumber(value);
    }

    @Override
    public void writeNumber(BigDecimal value) throws IOException {
        if (value != null) {
            checkNumber(isEnabled(Feature.WRITE_BIGDECIMAL_AS_PLAIN) ? value.toPlainString() : value.toString());
        }
        super.writeNumber(value);
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        if (encodedValue != null) {
            checkNumber(encodedValue);
        }
        super.writeNumber(encodedValue);
    }

    @Override
    public void writeNumber(char[] encodedValue, int offset, int length) throws IOException {
        checkNumber(new String(encodedValue, offset, length));
        super.writeNumber(encodedValue, offset, length);
    }

    /**
     * Jackson's own write check lets one level more through than its read check accepts (it validates the depth before
     * counting the new level), so the depth is checked here, exactly as reading will.
     */
    private void checkDepth() throws Refusal {
        int depth = getOutputContext().getNestingDepth() + 1;
        if (depth > limits.maxNestingDepth()) {
            throw new Refusal(
                    "nesting " + depth + " levels deep is deeper than the limit of " + limits.maxNestingDepth()
                            + " (JsonLimits.maxNestingDepth)",
                    path());
        }
    }

    private void checkName(String name) throws Refusal {
        if (name.length() > limits.maxNameLength()) {
            throw new Refusal(
                    "a field name of " + name.length() + " characters is longer than the limit of "
                            + limits.maxNameLength() + " characters (JsonLimits.maxNameLength)",
                    objectPath());
        }
        if (name.indexOf('\u0000') >= 0) {
            throw new Refusal(nulProblem("a field name"), objectPath());
        }
    }

    private void checkText(long length, boolean nul) throws Refusal {
        if (length > limits.maxStringLength()) {
            throw new Refusal(
                    "a text of " + length + " characters is longer than the limit of " + limits.maxStringLength()
                            + " characters (JsonLimits.maxStringLength)",
                    path());
        }
        if (nul) {
            throw new Refusal(nulProblem("a text"), path());
        }
    }

    private void checkUtf8(byte[] text, int offset, int length) throws Refusal {
        long chars = 0;
        boolean nul = false;
        for (int i = offset; i < offset + length; i++) {
            int b = text[i] & 0xff;
            nul |= b == 0;
            // Every byte but a continuation byte starts a character; a four-byte one is two UTF-16 characters.
            chars += (b & 0xc0) == 0x80 ? 0 : b >= 0xf0 ? 2 : 1;
        }
        checkText(chars, nul);
    }

    private void checkNumber(String text) throws Refusal {
        // Jackson's reader counts the digits of the integer part, the fraction and the exponent.
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        if (digits > limits.maxNumberLength()) {
            throw new Refusal(
                    "a number of " + digits + " digits is longer than the limit of " + limits.maxNumberLength()
                            + " digits (JsonLimits.maxNumberLength)",
                    path());
        }
    }

    private static String nulProblem(String what) {
        return what + " holds the NUL character (\\u0000), which PostgreSQL's jsonb cannot store; remove it or"
                + " encode it";
    }

    private static boolean hasNul(char[] text, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (text[i] == '\u0000') {
                return true;
            }
        }
        return false;
    }

    /** The dotted path of the value about to be written ({@code address.city}, {@code tags.2}), or empty at the top. */
    private String path() {
        return path(getOutputContext(), true);
    }

    /** The dotted path of the object whose field name is about to be written. */
    private String objectPath() {
        return path(getOutputContext().getParent(), false);
    }

    private static String path(JsonStreamContext innermost, boolean valuePending) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = innermost; c != null && !c.inRoot(); c = c.getParent()) {
            String segment;
            if (c.inObject()) {
                segment = c.getCurrentName();
            } else {
                // An array counts an element when it is written, so the pending one is the next index.
                segment = Integer.toString(c.getEntryCount() - (c == innermost && valuePending ? 0 : 1));
            }
            if (segment != null) {
                path.insert(0, path.length() == 0 ? segment : segment + ".");
            }
        }
        return path.toString();
    }
}
