package io.mailtrail.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailtrail.schema.ErrorCategory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Jackson is optional: without it the factories say what is missing instead of failing later with a linkage error. */
class WithoutJacksonTest {

    @ParameterizedTest
    @CsvSource({
            "io.mailtrail.tracker.http.HttpProviders, ses, HTTP provider classifiers",
            "io.mailtrail.tracker.http.HttpProviders, resend, HTTP provider classifiers",
            "io.mailtrail.tracker.delivery.DeliveryMappers, sendgrid, Delivery webhook mappers",
    })
    void factoryExplainsThatJacksonIsMissing(String factory, String method, String feature) throws Exception {
        URL tracker = HttpProviders.class.getProtectionDomain().getCodeSource().getLocation();
        URL schema = ErrorCategory.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader noJackson = new URLClassLoader(new URL[] {tracker, schema}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> noJackson.loadClass("com.fasterxml.jackson.databind.ObjectReader"))
                    .isInstanceOf(ClassNotFoundException.class);
            Method create = noJackson.loadClass(factory).getMethod(method);
            assertThatThrownBy(() -> create.invoke(null))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(feature)
                    .hasMessageContaining("com.fasterxml.jackson.core:jackson-databind");
        }
    }

    @ParameterizedTest
    @CsvSource({"ses", "postmark"})
    void withJacksonTheFactoriesWork(String provider) {
        assertThat(HttpProviders.forName(provider).provider()).isEqualTo(provider);
    }
}
