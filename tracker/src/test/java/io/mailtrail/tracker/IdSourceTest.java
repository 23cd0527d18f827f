package io.mailtrail.tracker;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdSourceTest {

    private final IdSource ids = IdSource.random();

    @Test
    void idsAreVersion4UuidsAndW3cHex() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String id = ids.newId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(ids.newTraceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
            assertThat(ids.newSpanId()).matches("[0-9a-f]{16}").isNotEqualTo("0".repeat(16));
            seen.add(id);
        }
        assertThat(seen).hasSize(2000);
    }
}
