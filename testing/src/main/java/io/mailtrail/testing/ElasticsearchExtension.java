package io.mailtrail.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands integration tests a real Elasticsearch node: declare a parameter of type
 * {@link ElasticsearchNode} (annotate it {@link Secured} for TLS and authentication). Each flavour is
 * started once per test JVM, on first use, and stopped when the test run ends, when the JVM exits, or —
 * through a watchdog — when the JVM is killed.
 *
 * <pre>{@code
 * @ExtendWith(ElasticsearchExtension.class)
 * class WritesIT {
 *     @Test void writes(ElasticsearchNode es) { ... }
 * }
 * }</pre>
 */
public final class ElasticsearchExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ElasticsearchExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ElasticsearchNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Flavour flavour = parameter.isAnnotated(Secured.class) ? Flavour.SECURED : Flavour.PLAIN;
        // The root store lives as long as the test run: one node per flavour per JVM.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(flavour, SharedNode::start, SharedNode.class).node();
    }

    /** A node shared by all tests of a JVM; JUnit closes it at the end of the run. */
    static final class SharedNode implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        private final RunningNode running;
        private final Thread shutdownHook;

        private SharedNode(RunningNode running) {
            this.running = running;
            this.shutdownHook = new Thread(running::close, "mailtrail-es-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }

        static SharedNode start(Flavour flavour) {
            try {
                RunningNode running = new ElasticsearchNodes(System.getenv()).start(flavour);
                System.out.println("[mailtrail-testing] using " + running.node());
                return new SharedNode(running);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start Elasticsearch (" + flavour + "): " + e.getMessage(), e);
            }
        }

        ElasticsearchNode node() {
            return running.node();
        }

        @Override
        public void close() {
            running.close();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // already running the hooks
            }
        }
    }
}
