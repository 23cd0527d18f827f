package io.mailtrail.cli.live;

import io.mailtrail.cli.Arguments;
import io.mailtrail.cli.CliException;
import io.mailtrail.cli.Option;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;
import io.mailtrail.schema.Namespaces;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which call events a view looks at: a namespace, and optionally one service and one provider.
 *
 * @param namespace data stream namespace ({@code logs-mailtrail.calls-<namespace>})
 * @param service   {@code service.name} to keep, or null for all
 * @param provider  {@code mailtrail.provider} to keep, or null for all
 */
public record CallFilter(String namespace, String service, String provider) {

    /** The options every view shares. */
    public static final List<Option> OPTIONS = List.of(
            Option.valued("namespace", "NAME", "data stream namespace the application writes to (default " + Dataset.DEFAULT_NAMESPACE + ")"),
            Option.valued("service", "NAME", "only events of this service.name (default: all)"),
            Option.valued("provider", "NAME", "only events of this provider, e.g. sendgrid (default: all)"));

    public CallFilter {
        try {
            Namespaces.requireValid(namespace);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--namespace: " + e.getMessage());
        }
    }

    public static CallFilter from(Arguments arguments) {
        return new CallFilter(arguments.value("namespace").orElse(Dataset.DEFAULT_NAMESPACE),
                arguments.value("service").orElse(null), arguments.value("provider").orElse(null));
    }

    public String callsStream() {
        return Dataset.CALLS.dataStream(namespace);
    }

    public String deliveryStream() {
        return Dataset.DELIVERY.dataStream(namespace);
    }

    /** A bool query with these filters, events at or after {@code from} (none when null), and the extra clauses. */
    String query(Instant from, String... extra) {
        List<String> clauses = new ArrayList<>();
        if (from != null) {
            clauses.add("{\"range\":{\"" + Fields.TIMESTAMP.name() + "\":{\"gte\":" + Searches.quote(from.toString()) + "}}}");
        }
        Optional.ofNullable(service).ifPresent(s -> clauses.add(term(Fields.SERVICE_NAME.name(), s)));
        Optional.ofNullable(provider).ifPresent(p -> clauses.add(term(Fields.PROVIDER.name(), p)));
        clauses.addAll(List.of(extra));
        return "{\"bool\":{\"filter\":[" + String.join(",", clauses) + "]}}";
    }

    static String term(String field, Object value) {
        return "{\"term\":{\"" + field + "\":" + (value instanceof String s ? Searches.quote(s) : String.valueOf(value)) + "}}";
    }

    /** How the filter is shown in a view's heading. */
    public String describe() {
        return callsStream() + (service == null ? "" : ", service " + service) + (provider == null ? "" : ", provider " + provider);
    }
}
