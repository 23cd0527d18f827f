package io.mailtrail.schema;

import java.util.Objects;
import java.util.Set;

/**
 * One field of the event schema.
 *
 * @param name        dotted name as it appears in the document, e.g. {@code event.outcome}
 * @param type        the type installed by mailtrail's templates
 * @param ecsType     the type ECS 9.4 prescribes, or {@code null} for custom ({@code mailtrail.*}) fields
 * @param datasets    which events carry it
 * @param description what it means, for the README field table
 * @param example     an example value, as JSON
 */
public record Field(String name, FieldType type, String ecsType, Set<Dataset> datasets, String description, String example) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        datasets = Set.copyOf(datasets);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(example, "example");
    }

    /** True for fields defined by Elastic Common Schema, false for mailtrail's own. */
    public boolean isEcs() {
        return ecsType != null;
    }

    /** True when the installed type differs from the one ECS prescribes (a portable stand-in). */
    public boolean isPortableStandIn() {
        return isEcs() && !ecsType.equals(type.mappingType());
    }

    @Override
    public String toString() {
        return name;
    }
}
