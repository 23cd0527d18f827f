package io.mailtrail.logback.bulk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.mailtrail.logback.TestEvents.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkResponseParserTest {

    private final BulkResponseParser parser = new BulkResponseParser();

    @Test
    void readsEveryItemsStatusAndError() throws IOException {
        String body = """
                {"took":3,"errors":true,"items":[
                 {"create":{"_index":"logs-a-default","_id":"1","_version":1,"result":"created","status":201,"_shards":{"total":1}}},
                 {"create":{"_index":"logs-a-default","_id":"2","status":409,"error":{"type":"version_conflict_engine_exception","reason":"exists"}}},
                 {"create":{"_index":"logs-a-default","_id":"3","status":429,"error":{"type":"es_rejected_execution_exception","reason":"busy"}}},
                 {"create":{"_index":"logs-a-default","_id":"4","status":400,"error":{"type":"document_parsing_exception","reason":"bad","caused_by":{"type":"x","reason":"y"}}}},
                 {"create":{"_index":"logs-a-default","_id":"5","status":503,"error":{"type":"unavailable_shards_exception"}}}
                ]}""";
        List<ItemResult> r = parser.parse(body.getBytes(StandardCharsets.UTF_8), 5);
        assertThat(r).extracting(ItemResult::status).containsExactly(201, 409, 429, 400, 503);
        assertThat(r).extracting(ItemResult::stored).containsExactly(true, true, false, false, false);
        assertThat(r).extracting(ItemResult::retryable).containsExactly(false, false, true, false, true);
        assertThat(r.get(0).error()).isNull();
        assertThat(strict(r.get(3).error()).get("caused_by").get("reason").asText()).isEqualTo("y");
    }

    @Test
    void aResponseWithAnotherNumberOfItemsIsAnError() {
        String body = "{\"errors\":false,\"items\":[{\"create\":{\"status\":201}}]}";
        assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8), 2))
                .isInstanceOf(IOException.class).hasMessageContaining("1 items for 2");
    }

    @Test
    void notJsonIsAnError() {
        assertThatThrownBy(() -> parser.parse("<html>".getBytes(StandardCharsets.UTF_8), 1)).isInstanceOf(IOException.class);
    }

    @Test
    void bulkItemKeepsActionAndDocumentLines() throws IOException {
        byte[] doc = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
        BulkItem item = BulkItem.create("logs-x-default", "id\"q", doc, doc.length - 1);
        assertThat(new String(item.bytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"create\":{\"_index\":\"logs-x-default\",\"_id\":\"id\\\"q\"}}\n{\"a\":1}\n");
        assertThat(strict(item.action()).get("create").get("_id").asText()).isEqualTo("id\"q");
        BulkItem restored = BulkItem.fromBytes(item.bytes());
        assertThat(restored.document()).isEqualTo("{\"a\":1}");
        assertThat(BulkItem.fromBytes("no line end".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void eventIdsAreTimeOrderedVersion7AndUnique() {
        String a = EventIds.next(1_000L);
        String b = EventIds.next(2_000L);
        assertThat(java.util.UUID.fromString(a).version()).isEqualTo(7);
        assertThat(a.compareTo(b)).isNegative();
        assertThat(EventIds.next(1_000L)).isNotEqualTo(EventIds.next(1_000L));
    }
}
