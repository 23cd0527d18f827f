/**
 * The {@code mailtrail} command line: a small dispatcher ({@link io.mailtrail.cli.Cli}) over
 * {@link io.mailtrail.cli.Command}s. Each command lives in a package of its own ({@code setup}, later
 * {@code alerts}, {@code demo}).
 */
package io.mailtrail.cli;
