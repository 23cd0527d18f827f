/** mailtrail tracker. */
package io.mailtrail.tracker;
