package io.mailtrail.reports.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mailtrail.reports.Report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine-readable summary: every figure of the report, as JSON ({@code snake_case} names, rates as
 * fractions, latencies in milliseconds, instants in ISO-8601 UTC, null where there was nothing to compute).
 */
public final class SummaryJson {

    /** Bumped when a name or a meaning changes. */
    public static final String FORMAT = "mailtrail-report/1";

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    public String render(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("report", report);
        try {
            return json.writeValueAsString(root);
        } catch (IOException e) {
            // Records of numbers and strings: a failure here is a bug.
            throw new UncheckedIOException("writing the report summary", e);
        }
    }
}
