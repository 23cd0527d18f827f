package io.mailtrail.logback.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the per-item results of a {@code _bulk} response with Jackson streaming, without building a tree:
 * for each item its status and, when it failed, its {@code error} object as text.
 */
public final class BulkResponseParser {

    private final JsonFactory factory = new JsonFactory();

    /**
     * @param expectedItems how many items the request had
     * @throws IOException when the body is not a bulk response or has a different number of items
     */
    public List<ItemResult> parse(byte[] body, int expectedItems) throws IOException {
        List<ItemResult> results = new ArrayList<>(expectedItems);
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("bulk response is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("items".equals(name) && p.currentToken() == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        results.add(readItem(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (results.size() != expectedItems) {
            throw new IOException("bulk response has " + results.size() + " items for " + expectedItems + " sent");
        }
        return results;
    }

    /** At the START_OBJECT of {@code {"create": {...}}}; returns at its END_OBJECT. */
    private ItemResult readItem(JsonParser p) throws IOException {
        int status = -1;
        String error = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            p.nextToken(); // the operation's object: create / index / ...
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("status".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    status = p.getIntValue();
                } else if ("error".equals(field)) {
                    error = copy(p);
                } else {
                    p.skipChildren();
                }
            }
        }
        return new ItemResult(status, error);
    }

    private String copy(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }
}
