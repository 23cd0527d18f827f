package io.mailtrail.tracker;

/**
 * The application's send call. Whatever it throws reaches the caller unchanged: {@code E} is inferred from
 * the lambda, so a call that throws {@code IOException} makes {@code track} throw {@code IOException}.
 *
 * @param <T> the call's own result
 * @param <E> the checked exception it may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface Call<T, E extends Exception> {
    T call() throws E;
}
