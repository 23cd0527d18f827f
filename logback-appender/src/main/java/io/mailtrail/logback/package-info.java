/** mailtrail logback-appender. */
package io.mailtrail.logback;
