package io.mailtrail.cli.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtrail.alerts.support.Json;
import io.mailtrail.alerts.support.WatchException;
import io.mailtrail.alerts.watch.Watch;
import io.mailtrail.alerts.watch.WatchLoader;
import io.mailtrail.alerts.watch.WatchParser;
import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The watches a command works on: the packaged ones (the cli jar carries watcher-rules/) or those of
 * {@code --watches DIR}, with the overrides of {@code --recipients}, {@code --kibana-url} and {@code --set}.
 */
final class WatchSource {

    /** The watches shipped in watcher-rules/ (and in the jar under mailtrail/watcher-rules/). */
    static final List<String> PACKAGED = List.of("mailtrail-success-rate", "mailtrail-non-retryable-failures", "mailtrail-latency-p95",
            "mailtrail-silence", "mailtrail-bounce-rate", "mailtrail-complaint-rate", "mailtrail-rate-limited",
            "mailtrail-error-budget-burn", "mailtrail-daily-report", "mailtrail-weekly-report");

    static final List<Option> OPTIONS = List.of(
            Option.valued("watches", "DIR", "folder of watch files <id>.json (default: the watches packaged in mailtrail)"),
            Option.valued("watch", "ID", "only this watch (default: all)"),
            Option.valued("recipients", "LIST", "comma-separated addresses: overrides metadata.recipients of every watch"),
            Option.valued("kibana-url", "URL", "Kibana base URL for the links in emails: overrides metadata.kibana_url"),
            Option.valued("set", "ID.KEY=VALUE[,...]", "override metadata values, e.g. mailtrail-success-rate.threshold=0.95 (* as ID: every watch)"));

    /** A watch file's JSON after overrides, with its id. */
    record Source(String id, ObjectNode json) {
    }

    private WatchSource() {
    }

    /** Reads, overrides; problems (malformed files) go to {@code problems} as one line each. */
    static List<Source> read(Arguments args, List<String> problems) {
        List<Source> sources = new ArrayList<>();
        if (args.value("watches").isPresent()) {
            Path dir = Path.of(args.value("watches").get());
            if (!Files.isDirectory(dir)) {
                throw CliException.usage("--watches: '" + dir + "' is not a folder");
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    String name = f.getFileName().toString();
                    try {
                        JsonNode node = Json.MAPPER.readTree(Files.readString(f));
                        if (!node.isObject()) {
                            problems.add(f + ": $: expected a JSON object");
                            continue;
                        }
                        sources.add(new Source(name.substring(0, name.length() - 5), (ObjectNode) node));
                    } catch (IOException e) {
                        problems.add(f + ": $: invalid JSON: " + e.getMessage().split("\n")[0]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            for (String id : PACKAGED) {
                try (InputStream in = WatchSource.class.getResourceAsStream("/mailtrail/watcher-rules/" + id + ".json")) {
                    if (in == null) {
                        throw new IllegalStateException("packaged watch missing: " + id);
                    }
                    sources.add(new Source(id, (ObjectNode) Json.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        String only = args.value("watch").orElse(null);
        if (only != null) {
            sources = sources.stream().filter(s -> s.id().equals(only)).toList();
            if (sources.isEmpty()) {
                throw CliException.usage("--watch: no watch '" + only + "'");
            }
        }
        Map<String, Map<String, String>> sets = sets(args);
        for (Source s : sources) {
            ObjectNode metadata = s.json().has("metadata") && s.json().get("metadata").isObject()
                    ? (ObjectNode) s.json().get("metadata") : s.json().putObject("metadata");
            args.value("recipients").ifPresent(r -> {
                ArrayNode list = metadata.putArray("recipients");
                for (String a : r.split(",")) {
                    if (!a.isBlank()) {
                        list.add(a.trim());
                    }
                }
            });
            args.value("kibana-url").ifPresent(u -> metadata.put("kibana_url", u.replaceAll("/+$", "")));
            Map<String, String> mine = new LinkedHashMap<>(sets.getOrDefault("*", Map.of()));
            mine.putAll(sets.getOrDefault(s.id(), Map.of()));
            mine.forEach((k, v) -> metadata.set(k, value(v)));
        }
        return sources;
    }

    /** Parses the sources into watches; malformed ones become problem lines naming file/watch and JSON path. */
    static List<Watch> parse(List<Source> sources, List<String> problems) {
        List<Watch> watches = new ArrayList<>();
        for (Source s : sources) {
            try {
                watches.add(WatchParser.parse(s.id(), s.json()));
            } catch (WatchException e) {
                problems.add(s.id() + ".json: " + e.jsonPath() + ": " + WatchException.fullMessage(e));
            }
        }
        return watches;
    }

    private static Map<String, Map<String, String>> sets(Arguments args) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (args.value("set").isEmpty()) {
            return out;
        }
        for (String item : args.value("set").get().split(",")) {
            int eq = item.indexOf('=');
            int dot = item.lastIndexOf('.', eq < 0 ? item.length() : eq);
            if (eq < 0 || dot < 0) {
                throw CliException.usage("--set: expected ID.KEY=VALUE, got '" + item + "'");
            }
            out.computeIfAbsent(item.substring(0, dot).trim(), k -> new LinkedHashMap<>())
                    .put(item.substring(dot + 1, eq).trim(), item.substring(eq + 1).trim());
        }
        return out;
    }

    private static JsonNode value(String v) {
        try {
            JsonNode n = Json.MAPPER.readTree(v);
            if (n != null && (n.isNumber() || n.isBoolean())) {
                return n;
            }
        } catch (IOException e) {
            // a string
        }
        return Json.MAPPER.getNodeFactory().textNode(v);
    }
}
