package io.mailtrail.testing;

import java.util.Map;
import java.util.Optional;

/** The Maven Central integ-test-zip, started as a child process (see {@link LocalNodeProcess}). */
final class ZipNodeProvider implements NodeProvider {

    private final ZipDistribution distribution;
    private final Map<String, String> env;

    ZipNodeProvider(ZipDistribution distribution, Map<String, String> env) {
        this.distribution = distribution;
        this.env = env;
    }

    @Override
    public Optional<String> unavailableReason() {
        return distribution.exists() ? Optional.empty()
                : Optional.of("the node's zip is not at " + distribution.zip() + " (run the tests through Maven: mvn verify)");
    }

    @Override
    public RunningNode start(Flavour flavour) throws Exception {
        return LocalNodeProcess.start(distribution.home(), distribution.version(), flavour, env);
    }
}
