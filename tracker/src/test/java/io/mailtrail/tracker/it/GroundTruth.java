package io.mailtrail.tracker.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the end-to-end test generated, written down by the test itself from what it scripted (never read back
 * from the tracker): every attempt with its expected outcome and error category, grouped into logical sends.
 */
final class GroundTruth {

    /** One attempt as the test scripted it; {@code category} is null for a success. */
    record Attempt(String provider, String localId, boolean success, String category) {
    }

    private final List<Attempt> attempts = new ArrayList<>();
    private final Map<String, List<Attempt>> sends = new LinkedHashMap<>();

    /** Records one logical send made of {@code attempts}, in order; the last one decides the send. */
    void send(String provider, String localId, List<Attempt> attemptsOfSend) {
        if (sends.containsKey(localId)) {
            throw new IllegalArgumentException("local id used twice: " + localId);
        }
        attemptsOfSend.forEach(a -> {
            if (!a.provider().equals(provider) || !a.localId().equals(localId)) {
                throw new IllegalArgumentException("attempt of another send: " + a);
            }
        });
        attempts.addAll(attemptsOfSend);
        sends.put(localId, List.copyOf(attemptsOfSend));
    }

    long attempts() {
        return attempts.size();
    }

    long successfulAttempts() {
        return attempts.stream().filter(Attempt::success).count();
    }

    long sends() {
        return sends.size();
    }

    long successfulSends() {
        return sends.values().stream().filter(a -> a.get(a.size() - 1).success()).count();
    }

    /** Attempts per local id (one logical send each). */
    Map<String, Integer> attemptsPerSend() {
        Map<String, Integer> out = new TreeMap<>();
        sends.forEach((id, a) -> out.put(id, a.size()));
        return out;
    }

    /** provider → [attempts, successful attempts, sends, successful sends] */
    Map<String, List<Long>> perProvider() {
        Map<String, List<Long>> out = new TreeMap<>();
        sends.forEach((id, a) -> {
            String provider = a.get(0).provider();
            List<Long> row = out.computeIfAbsent(provider, p -> new ArrayList<>(List.of(0L, 0L, 0L, 0L)));
            row.set(0, row.get(0) + a.size());
            row.set(1, row.get(1) + a.stream().filter(Attempt::success).count());
            row.set(2, row.get(2) + 1);
            row.set(3, row.get(3) + (a.get(a.size() - 1).success() ? 1 : 0));
        });
        return out;
    }

    /** error category → failed attempts of that category */
    Map<String, Long> attemptsPerCategory() {
        Map<String, Long> out = new TreeMap<>();
        attempts.stream().filter(a -> !a.success()).forEach(a -> out.merge(a.category(), 1L, Long::sum));
        return out;
    }

    /** error category → logical sends that finally failed with it */
    Map<String, Long> failedSendsPerCategory() {
        Map<String, Long> out = new TreeMap<>();
        sends.values().stream().map(a -> a.get(a.size() - 1)).filter(a -> !a.success())
                .forEach(a -> out.merge(a.category(), 1L, Long::sum));
        return out;
    }

    @Override
    public String toString() {
        return "GroundTruth[attempts=" + attempts() + ", successfulAttempts=" + successfulAttempts() + ", sends=" + sends()
                + ", successfulSends=" + successfulSends() + ", perProvider=" + perProvider()
                + ", perCategory=" + attemptsPerCategory() + "]";
    }
}
