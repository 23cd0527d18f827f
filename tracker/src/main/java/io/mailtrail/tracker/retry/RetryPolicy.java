package io.mailtrail.tracker.retry;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.tracker.AttemptResult;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed send again, and after how long. Immutable and thread-safe.
 *
 * <p>An attempt is retried only if its result is {@link AttemptResult#retryable() retryable} (the
 * classifier's verdict: e.g. a connect timeout yes, a read timeout no, since the provider may have accepted
 * the message) and its category is one of {@link Builder#retryOn retryOn}. The delay before attempt
 * {@code n+1} is the provider's Retry-After/reset wait when it gave one, else full jitter:
 * {@code random(0, min(maxDelay, baseDelay * 2^(n-1)))}. No retry when it would pass {@code maxAttempts}
 * or {@code maxElapsed}.
 */
public final class RetryPolicy {

    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            EnumSet.noneOf(ErrorCategory.class), false, null);

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration maxElapsed;
    private final Set<ErrorCategory> retryOn;
    private final boolean honourRetryAfter;
    private final DoubleSupplier random;

    private RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxElapsed,
            Set<ErrorCategory> retryOn, boolean honourRetryAfter, DoubleSupplier random) {
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.maxElapsed = maxElapsed;
        this.retryOn = Set.copyOf(retryOn);
        this.honourRetryAfter = honourRetryAfter;
        this.random = random;
    }

    /** One attempt, never a retry: the default. */
    public static RetryPolicy none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The delay before the next attempt, or empty to stop.
     *
     * @param attemptsMade attempts made so far (from 1)
     * @param last         the last attempt's result
     * @param elapsed      time since the first attempt started
     */
    public Optional<Duration> nextDelay(int attemptsMade, AttemptResult last, Duration elapsed) {
        if (attemptsMade >= maxAttempts || last == null || !last.retryable() || last.errorCategory() == null
                || !retryOn.contains(last.errorCategory())) {
            return Optional.empty();
        }
        Duration delay = honourRetryAfter && last.retryAfter() != null ? last.retryAfter() : jitter(attemptsMade);
        if (elapsed.plus(delay).compareTo(maxElapsed) > 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    /** The categories whose cause is retryable: the default {@link Builder#retryOn retryOn}. */
    static Set<ErrorCategory> retryableCategories() {
        EnumSet<ErrorCategory> s = EnumSet.noneOf(ErrorCategory.class);
        for (ErrorCategory c : ErrorCategory.values()) {
            if (c.retryableByDefault()) {
                s.add(c);
            }
        }
        return s;
    }

    private Duration jitter(int attemptsMade) {
        int shift = Math.min(attemptsMade - 1, 30);
        long ceiling = Math.min(maxDelay.toMillis(), saturatedShift(baseDelay.toMillis(), shift));
        double r = random == null ? ThreadLocalRandom.current().nextDouble() : random.getAsDouble();
        return Duration.ofMillis(Math.min(ceiling, (long) (r * (ceiling + 1.0))));
    }

    private static long saturatedShift(long value, int shift) {
        return value > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : value << shift;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
                + ", maxElapsed=" + maxElapsed + ", retryOn=" + retryOn + ", honourRetryAfter=" + honourRetryAfter + "]";
    }

    /** Builds a {@link RetryPolicy}; {@link #build()} validates. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration baseDelay = Duration.ofMillis(300);
        private Duration maxDelay = Duration.ofSeconds(30);
        private Duration maxElapsed = Duration.ofMinutes(2);
        private Set<ErrorCategory> retryOn = retryableCategories();
        private boolean honourRetryAfter = true;
        private DoubleSupplier random;

        private Builder() {
        }

        /** Attempts in all, including the first. Default 3. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Backoff base: the ceiling of the first retry's random delay. Default 300 ms. */
        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = baseDelay;
            return this;
        }

        /** Backoff cap. Default 30 s. */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        /** No retry whose delay would end later than this after the first attempt started. Default 2 min. */
        public Builder maxElapsed(Duration maxElapsed) {
            this.maxElapsed = maxElapsed;
            return this;
        }

        /**
         * Categories that may be retried (the attempt must also be retryable). Default: every category that is
         * {@linkplain ErrorCategory#retryableByDefault() retryable by its cause} (network, timeout, rate_limited,
         * provider_unavailable, mailbox_full), so that the default policy retries exactly what the events mark
         * {@code mailtrail.error.retryable: true}.
         */
        public Builder retryOn(ErrorCategory... categories) {
            this.retryOn = categories.length == 0 ? EnumSet.noneOf(ErrorCategory.class) : EnumSet.copyOf(Arrays.asList(categories));
            return this;
        }

        /** Wait what the provider asks (Retry-After, reset headers) instead of the backoff. Default true. */
        public Builder honourRetryAfter(boolean honour) {
            this.honourRetryAfter = honour;
            return this;
        }

        /** Source of uniform numbers in [0, 1) for the jitter. Default {@link ThreadLocalRandom}. */
        public Builder random(DoubleSupplier random) {
            this.random = random;
            return this;
        }

        /** @throws IllegalArgumentException naming the option and value that is wrong */
        public RetryPolicy build() {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts " + maxAttempts + " is invalid: use 1 or more (1 = no retry)");
            }
            requirePositive("baseDelay", baseDelay);
            requirePositive("maxDelay", maxDelay);
            requirePositive("maxElapsed", maxElapsed);
            if (maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("maxDelay " + maxDelay + " is smaller than baseDelay " + baseDelay);
            }
            return new RetryPolicy(maxAttempts, baseDelay, maxDelay, maxElapsed, retryOn, honourRetryAfter, random);
        }

        private static void requirePositive(String option, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(option + " " + value + " is invalid: use a positive duration");
            }
        }
    }
}
