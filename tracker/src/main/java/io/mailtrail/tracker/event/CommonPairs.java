package io.mailtrail.tracker.event;

import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.EventValues;
import io.mailtrail.schema.Fields;
import org.slf4j.event.KeyValuePair;

import java.util.List;

/**
 * The pairs every event of one dataset carries with the same value, built once per logger: an event shares
 * these immutable instances instead of allocating seven pairs per call.
 */
final class CommonPairs {

    private final List<KeyValuePair> pairs;

    CommonPairs(Dataset dataset) {
        this.pairs = List.of(
                new KeyValuePair(Fields.ECS_VERSION.name(), EventValues.ECS_VERSION),
                new KeyValuePair(Fields.EVENT_KIND.name(), EventValues.KIND),
                new KeyValuePair(Fields.EVENT_CATEGORY.name(), List.of(EventValues.CATEGORY)),
                new KeyValuePair(Fields.EVENT_TYPE.name(), List.of(EventValues.TYPE)),
                new KeyValuePair(Fields.EVENT_DATASET.name(), dataset.datasetName()),
                new KeyValuePair(Fields.DATA_STREAM_DATASET.name(), dataset.datasetName()));
    }

    List<KeyValuePair> pairs() {
        return pairs;
    }
}
