/**
 * The {@code setup} step that imports mailtrail's Kibana dashboards ({@code --kibana-url}): options, the import
 * request, and Kibana's answers turned into one readable line each.
 */
package io.mailtrail.cli.setup.kibana;
