/** mailtrail cli. */
package io.mailtrail.cli;
