package io.mailtrail.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpResponseViewTest {

    @Test
    void looksHeadersUpCaseInsensitively() {
        HttpResponseView view = new HttpResponseView(202, Map.of("x-message-id", List.of("abc")), "");
        assertThat(view.header("X-Message-Id")).contains("abc");
        assertThat(view.header("X-MESSAGE-ID")).contains("abc");
        assertThat(view.headers().get("X-Message-ID")).containsExactly("abc");
        assertThat(view.header("Retry-After")).isEmpty();
    }

    @Test
    void mergesNamesThatDifferOnlyInCaseAndKeepsAllValues() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Link", List.of("<a>", "<b>"));
        headers.put("LINK", List.of("<c>"));
        HttpResponseView view = new HttpResponseView(200, headers, null);
        assertThat(view.headers().get("link")).containsExactly("<a>", "<b>", "<c>");
        assertThat(view.header("link")).contains("<a>");
    }

    @Test
    void copiesAndFreezesHeaders() {
        List<String> values = new ArrayList<>(List.of("1"));
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Retry-After", values);
        headers.put(null, List.of("HTTP/1.1 429 Too Many Requests"));
        HttpResponseView view = new HttpResponseView(429, headers, null);
        values.set(0, "99");
        headers.put("X-Other", List.of("x"));
        assertThat(view.header("retry-after")).contains("1");
        assertThat(view.headers()).hasSize(1);
        assertThatThrownBy(() -> view.headers().put("a", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.headers().get("Retry-After").add("2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsNullHeaders() {
        HttpResponseView view = new HttpResponseView(500, null, null);
        assertThat(view.headers()).isEmpty();
        assertThat(view.isSuccess()).isFalse();
    }

    @Test
    void usesTheJdkHeadersAsTheyAreWithCaseInsensitiveLookups() {
        HttpHeaders jdk = HttpHeaders.of(Map.of("x-message-id", List.of("abc"), "Link", List.of("<a>", "<b>")), (n, v) -> true);
        HttpResponseView view = HttpResponseView.of(202, jdk, "");
        assertThat(view.header("X-Message-ID")).contains("abc");
        assertThat(view.headers().get("LINK")).containsExactly("<a>", "<b>");
        assertThat(view.headers().containsKey("X-MESSAGE-ID")).isTrue();
        assertThat(view.headers()).hasSize(2).isEqualTo(new HttpResponseView(202, jdk.map(), "").headers());
        assertThatThrownBy(() -> view.headers().put("a", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.headers().remove("x-message-id")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(HttpResponseView.of(204, null, null).headers()).isEmpty();
    }
}
