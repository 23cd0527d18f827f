package io.mailtrail.tracker.trace;

/**
 * Loads {@link OpenTelemetryTracing} only when {@code opentelemetry-api} is on the class path, so that the
 * tracker runs without it: no class of this package but that one refers to OpenTelemetry types.
 */
final class OptionalOpenTelemetry {

    private static final String PROBE = "io.opentelemetry.api.trace.Span";
    private static final String IMPLEMENTATION = "io.mailtrail.tracker.trace.OpenTelemetryTracing";

    private OptionalOpenTelemetry() {
    }

    static Tracing globalOrMdc() {
        MdcTracing fallback = new MdcTracing();
        ClassLoader loader = OptionalOpenTelemetry.class.getClassLoader();
        try {
            Class.forName(PROBE, false, loader);
            return (Tracing) Class.forName(IMPLEMENTATION, true, loader)
                    .getMethod("globalWhenActive")
                    .invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return fallback;
        }
    }
}
