package io.mailtrail.tracker.privacy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recipients as they may be logged: count, distinct lowercase domains, and keyed hashes (only with a key).
 *
 * @param count   number of recipients
 * @param domains distinct domains, in order of appearance; empty when the policy turns them off
 * @param hashes  HMAC-SHA256 (hex) of each distinct lowercased address; empty without a key
 */
public record RecipientSummary(int count, List<String> domains, List<String> hashes) {

    public RecipientSummary {
        domains = List.copyOf(domains);
        hashes = List.copyOf(hashes);
    }

    static RecipientSummary of(Iterable<String> addresses, boolean withDomains, PrivacyPolicy.Hmac hmac) {
        int count = 0;
        Distinct domains = new Distinct();
        Distinct hashes = new Distinct();
        for (String raw : addresses) {
            String address = bareAddress(raw);
            if (address == null) {
                continue;
            }
            count++;
            int at = address.lastIndexOf('@');
            if (withDomains && at > 0 && at < address.length() - 1) {
                domains.add(address.substring(at + 1));
            }
            if (hmac != null) {
                hashes.add(hmac.hex(address));
            }
        }
        return new RecipientSummary(count, domains.toList(), hashes.toList());
    }

    /**
     * Distinct values in order of appearance. Most emails have one to a few recipients, for which a list scan
     * costs less than a {@code LinkedHashSet} (this runs on every tracked call); an index takes over for many.
     */
    private static final class Distinct {
        private static final int SCAN_LIMIT = 8;
        private final List<String> values = new ArrayList<>(4);
        private Set<String> index;

        void add(String value) {
            if (index != null ? !index.add(value) : values.contains(value)) {
                return;
            }
            values.add(value);
            if (index == null && values.size() > SCAN_LIMIT) {
                index = new HashSet<>(values);
            }
        }

        List<String> toList() {
            return List.copyOf(values);
        }
    }

    /** {@code "Bob <Bob@Example.org>"} → {@code bob@example.org}. */
    static String bareAddress(String raw) {
        if (raw == null) {
            return null;
        }
        String a = raw.trim();
        int lt = a.lastIndexOf('<');
        int gt = a.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            a = a.substring(lt + 1, gt).trim();
        }
        return a.isEmpty() ? null : a.toLowerCase(Locale.ROOT);
    }
}
