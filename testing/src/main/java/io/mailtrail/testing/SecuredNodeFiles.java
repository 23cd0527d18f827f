package io.mailtrail.testing;

/** Names and role definitions shared by the secured flavours. */
final class SecuredNodeFiles {

    static final String ADMIN_USER = "mailtrail_admin";
    static final String WRITER_USER = "mailtrail_writer";
    static final String WRITER_ROLE = "mailtrail_writer";

    /** What the appender needs and nothing more: create documents in (and auto-create) logs data streams. */
    static final String WRITER_ROLE_JSON =
            "{\"cluster\":[\"monitor\"],\"indices\":[{\"names\":[\"logs-*\"],\"privileges\":[\"create_doc\",\"auto_configure\"]}]}";

    /** The same role in the file realm's roles.yml form. */
    static final String WRITER_ROLE_YAML = WRITER_ROLE + ":\n"
            + "  cluster: [ 'monitor' ]\n"
            + "  indices:\n"
            + "    - names: [ 'logs-*' ]\n"
            + "      privileges: [ 'create_doc', 'auto_configure' ]\n";

    private SecuredNodeFiles() {
    }
}
