package io.mailtrail.logback.encoder;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import net.logstash.logback.decorate.JsonGeneratorDecorator;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/**
 * Guards the JSON of one event: the first writer of a top-level field wins and any later field of the same
 * name is swallowed whole (value, object or array), so a document never has duplicate keys; lone UTF-16
 * surrogates in names and strings become U+FFFD instead of failing the generator. Providers run in order, so
 * the encoder puts the providers that must win (routing envelope, key-value pairs) first.
 */
public final class SafeJsonGenerator extends JsonGeneratorDelegate {

    /** The decorator to give logstash-logback-encoder's {@code jsonGeneratorDecorator}. */
    public static final JsonGeneratorDecorator DECORATOR = SafeJsonGenerator::new;

    /** Sized for a tracker event's 40-60 top-level fields, so it never resizes while an event is written. */
    private final Set<String> topLevelNames = new HashSet<>(128);
    private int depth;
    private boolean skipping;
    private int skipNesting;

    public SafeJsonGenerator(JsonGenerator delegate) {
        // false: writeObject/writeTree go through the codec with *this* generator, so they are guarded too
        super(delegate, false);
    }

    /** Replaces lone surrogates by U+FFFD; returns the same string when it has none. */
    public static String sanitize(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return replaceLoneSurrogates(s);
                }
            }
        }
        return s;
    }

    private static String replaceLoneSurrogates(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** True when the value about to be written belongs to a swallowed field; ends the swallow at its end. */
    private boolean skipScalar() {
        if (!skipping) {
            return false;
        }
        if (skipNesting == 0) {
            skipping = false;
        }
        return true;
    }

    private boolean skipStart() {
        if (!skipping) {
            depth++;
            return false;
        }
        skipNesting++;
        return true;
    }

    /**
     * Like {@link #skipStart()}; the document's own object (the underlying generator is at its root) starts
     * afresh, so that an event that failed half-way cannot leave state behind for the next one.
     */
    private boolean skipObjectStart() {
        if (getDelegate().getOutputContext().inRoot()) {
            topLevelNames.clear();
            depth = 0;
            skipping = false;
            skipNesting = 0;
        }
        return skipStart();
    }

    private boolean skipEnd() {
        if (!skipping) {
            depth--;
            return false;
        }
        if (--skipNesting == 0) {
            skipping = false;
        }
        return true;
    }

    // ---- structure

    @Override
    public void writeStartObject() throws IOException {
        if (!skipObjectStart()) {
            super.writeStartObject();
        }
    }

    @Override
    public void writeStartObject(Object forValue) throws IOException {
        if (!skipObjectStart()) {
            super.writeStartObject(forValue);
        }
    }

    @Override
    public void writeStartObject(Object forValue, int size) throws IOException {
        if (!skipObjectStart()) {
            super.writeStartObject(forValue, size);
        }
    }

    @Override
    public void writeEndObject() throws IOException {
        if (!skipEnd()) {
            super.writeEndObject();
        }
    }

    @Override
    public void writeStartArray() throws IOException {
        if (!skipStart()) {
            super.writeStartArray();
        }
    }

    @Override
    public void writeStartArray(int size) throws IOException {
        if (!skipStart()) {
            super.writeStartArray(size);
        }
    }

    @Override
    public void writeStartArray(Object forValue) throws IOException {
        if (!skipStart()) {
            super.writeStartArray(forValue);
        }
    }

    @Override
    public void writeStartArray(Object forValue, int size) throws IOException {
        if (!skipStart()) {
            super.writeStartArray(forValue, size);
        }
    }

    @Override
    public void writeEndArray() throws IOException {
        if (!skipEnd()) {
            super.writeEndArray();
        }
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        if (skipping) {
            return;
        }
        String safe = sanitize(name == null ? "null" : name);
        if (depth == 1 && !topLevelNames.add(safe)) {
            skipping = true;
            skipNesting = 0;
            return;
        }
        super.writeFieldName(safe);
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        writeFieldName(name.getValue());
    }

    @Override
    public void writeFieldId(long id) throws IOException {
        writeFieldName(Long.toString(id));
    }

    // ---- strings

    @Override
    public void writeString(String text) throws IOException {
        if (!skipScalar()) {
            super.writeString(sanitize(text));
        }
    }

    @Override
    public void writeString(char[] text, int offset, int len) throws IOException {
        if (!skipScalar()) {
            super.writeString(sanitize(new String(text, offset, len)));
        }
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        writeString(text.getValue());
    }

    @Override
    public void writeString(Reader reader, int len) throws IOException {
        if (!skipScalar()) {
            super.writeString(reader, len);
        }
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        if (!skipScalar()) {
            super.writeRawUTF8String(text, offset, length);
        }
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        if (!skipScalar()) {
            super.writeUTF8String(text, offset, length);
        }
    }

    @Override
    public void writeRawValue(String text) throws IOException {
        if (!skipScalar()) {
            super.writeRawValue(text);
        }
    }

    @Override
    public void writeRawValue(String text, int offset, int len) throws IOException {
        if (!skipScalar()) {
            super.writeRawValue(text, offset, len);
        }
    }

    @Override
    public void writeRawValue(char[] text, int offset, int len) throws IOException {
        if (!skipScalar()) {
            super.writeRawValue(text, offset, len);
        }
    }

    @Override
    public void writeRawValue(SerializableString text) throws IOException {
        if (!skipScalar()) {
            super.writeRawValue(text);
        }
    }

    // ---- other scalars

    @Override
    public void writeNumber(short v) throws IOException {
        if (!skipScalar()) {
            super.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(int v) throws IOException {
        if (!skipScalar()) {
            super.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(long v) throws IOException {
        if (!skipScalar()) {
            super.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        if (!skipScalar()) {
            super.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(double v) throws IOException {
        if (!skipScalar()) {
            super.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(float v) throws IOException {
        if (!skipScalar()) {
            super.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        if (!skipScalar()) {
            super.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        if (!skipScalar()) {
            super.writeNumber(encodedValue);
        }
    }

    @Override
    public void writeNumber(char[] encodedValueBuffer, int offset, int len) throws IOException {
        if (!skipScalar()) {
            super.writeNumber(encodedValueBuffer, offset, len);
        }
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        if (!skipScalar()) {
            super.writeBoolean(state);
        }
    }

    @Override
    public void writeNull() throws IOException {
        if (!skipScalar()) {
            super.writeNull();
        }
    }

    @Override
    public void writeBinary(Base64Variant b64variant, byte[] data, int offset, int len) throws IOException {
        if (!skipScalar()) {
            super.writeBinary(b64variant, data, offset, len);
        }
    }

    @Override
    public int writeBinary(Base64Variant b64variant, InputStream data, int dataLength) throws IOException {
        if (!skipScalar()) {
            return super.writeBinary(b64variant, data, dataLength);
        }
        return 0;
    }

    @Override
    public void writeEmbeddedObject(Object object) throws IOException {
        if (!skipScalar()) {
            super.writeEmbeddedObject(object);
        }
    }

    @Override
    public void writeArray(int[] array, int offset, int length) throws IOException {
        if (!skipScalar()) {
            super.writeArray(array, offset, length);
        }
    }

    @Override
    public void writeArray(long[] array, int offset, int length) throws IOException {
        if (!skipScalar()) {
            super.writeArray(array, offset, length);
        }
    }

    @Override
    public void writeArray(double[] array, int offset, int length) throws IOException {
        if (!skipScalar()) {
            super.writeArray(array, offset, length);
        }
    }

    @Override
    public void writeArray(String[] array, int offset, int length) throws IOException {
        if (skipScalar()) {
            return;
        }
        writeStartArray(array, length);
        for (int i = offset; i < offset + length; i++) {
            writeString(array[i]);
        }
        writeEndArray();
    }

    @Override
    public void writeObject(Object pojo) throws IOException {
        if (skipping) {
            skipScalar();
            return;
        }
        super.writeObject(pojo);
    }

    @Override
    public void writePOJO(Object pojo) throws IOException {
        writeObject(pojo);
    }

    @Override
    public void writeTree(TreeNode tree) throws IOException {
        if (skipping) {
            skipScalar();
            return;
        }
        super.writeTree(tree);
    }
}
