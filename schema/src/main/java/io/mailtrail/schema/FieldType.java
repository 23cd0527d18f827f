package io.mailtrail.schema;

/**
 * The Elasticsearch type a field is installed with. Every type here exists on every Elasticsearch 8.x/9.x
 * distribution, including the minimal test node: where ECS prescribes a type that needs an optional module
 * ({@code wildcard}, {@code match_only_text}, {@code constant_keyword}), the catalog records it in
 * {@link Field#ecsType()} and installs the portable type of the same family, so that what CI installs is
 * what users install. The trade-offs are written down in {@code index-templates/README.md} ("Portable types").
 */
public enum FieldType {
    KEYWORD("keyword"),
    TEXT("text"),
    DATE("date"),
    LONG("long"),
    BOOLEAN("boolean"),
    IP("ip"),
    /** An object whose leaves are all keywords ({@code labels}). */
    KEYWORD_OBJECT("object"),
    /**
     * A string kept in {@code _source} only: mapped as a {@code keyword} with {@code index: false} and
     * {@code doc_values: false}, so it can be read back (and shown in Discover) but is neither searched nor
     * aggregated and costs no index space; for JSON documents stored as strings (the alert history's state).
     */
    SOURCE_ONLY_KEYWORD("keyword");

    private final String mappingType;

    FieldType(String mappingType) {
        this.mappingType = mappingType;
    }

    /** The {@code type} written into the mapping. */
    public String mappingType() {
        return mappingType;
    }
}
