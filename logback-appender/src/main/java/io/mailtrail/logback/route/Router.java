package io.mailtrail.logback.route;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mailtrail.schema.Fields;
import io.mailtrail.schema.Namespaces;
import org.slf4j.event.KeyValuePair;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the data stream of an event: {@code logs-<data_stream.dataset>-<namespace>} when the event carries
 * a valid {@code data_stream.dataset} key-value pair, the namespace being the event's valid
 * {@code data_stream.namespace} or the configured one; otherwise the configured default dataset.
 * Not thread-safe: used by the appender's single encoding thread.
 */
public final class Router {

    /** Routes are cached per (dataset, namespace); beyond this many distinct pairs new ones are not cached. */
    private static final int MAX_CACHED_ROUTES = 1024;
    private static final String DATASET_KEY = Fields.DATA_STREAM_DATASET.name();
    private static final String NAMESPACE_KEY = Fields.DATA_STREAM_NAMESPACE.name();

    private final String type;
    private final Route defaultRoute;
    private final String namespace;
    private final Map<String, Route> routes = new HashMap<>();
    private final Map<String, Boolean> validNames = new HashMap<>();

    /** @throws IllegalArgumentException when the dataset or namespace is not a valid data stream part */
    public Router(String type, String defaultDataset, String namespace) {
        this.type = Namespaces.requireValid(type);
        this.namespace = Namespaces.requireValid(namespace);
        this.defaultRoute = new Route(name(type, Namespaces.requireValid(defaultDataset), namespace), type, defaultDataset, namespace);
    }

    /** The data stream name rule shared with the schema: {@code <type>-<dataset>-<namespace>}. */
    private static String name(String type, String dataset, String namespace) {
        return type + "-" + dataset + "-" + namespace;
    }

    public Route defaultRoute() {
        return defaultRoute;
    }

    public Route route(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            return defaultRoute;
        }
        String dataset = null;
        String ns = null;
        for (KeyValuePair p : pairs) {
            if (DATASET_KEY.equals(p.key) && p.value instanceof String s) {
                dataset = s;
            } else if (NAMESPACE_KEY.equals(p.key) && p.value instanceof String s) {
                ns = s;
            }
        }
        if (dataset == null || !valid(dataset)) {
            return defaultRoute;
        }
        if (ns == null || !valid(ns)) {
            ns = namespace;
        }
        String key = dataset + '\u0000' + ns;
        Route route = routes.get(key);
        if (route == null) {
            route = new Route(name(type, dataset, ns), type, dataset, ns);
            if (routes.size() < MAX_CACHED_ROUTES) {
                routes.put(key, route);
            }
        }
        return route;
    }

    private boolean valid(String name) {
        Boolean v = validNames.get(name);
        if (v == null) {
            try {
                Namespaces.requireValid(name);
                v = Boolean.TRUE;
            } catch (IllegalArgumentException e) {
                v = Boolean.FALSE;
            }
            if (validNames.size() < MAX_CACHED_ROUTES) {
                validNames.put(name, v);
            }
        }
        return v;
    }
}
