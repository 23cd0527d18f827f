package io.mailtrail.reports.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** Runs one {@code _search} and returns the response body. The report needs nothing else from the cluster. */
@FunctionalInterface
public interface SearchClient {

    /**
     * @param index an index, data stream or pattern; a missing one gives an empty answer, not an error
     * @param body  the search body (size 0 and aggregations)
     */
    JsonNode search(String index, ObjectNode body) throws IOException;
}
