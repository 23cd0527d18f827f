package io.mailtrail.alerts.condition;

import java.util.Locale;

/** Comparison operators of {@code compare} and {@code array_compare}. */
enum Op {
    EQ, NOT_EQ, LT, LTE, GT, GTE;

    /** Whether the operator accepts arrays and objects as configured value (only equality does). */
    boolean supportsStructures() {
        return this == EQ || this == NOT_EQ;
    }

    /** {@code compare} semantics: {@code not_eq} is also true for incomparable values. */
    boolean eval(Integer comparison) {
        return switch (this) {
            case EQ -> comparison != null && comparison == 0;
            case NOT_EQ -> comparison == null || comparison != 0;
            case LT -> comparison != null && comparison < 0;
            case LTE -> comparison != null && comparison <= 0;
            case GT -> comparison != null && comparison > 0;
            case GTE -> comparison != null && comparison >= 0;
        };
    }

    /** {@code array_compare} semantics: every operator needs comparable values. */
    boolean evalStrict(Integer comparison) {
        return comparison != null && (this == NOT_EQ ? comparison != 0 : eval(comparison));
    }

    static Op resolve(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
