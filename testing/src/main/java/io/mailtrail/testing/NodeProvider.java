package io.mailtrail.testing;

import java.util.Optional;

/** One way of getting a node; {@link ElasticsearchNodes} tries them in order. */
interface NodeProvider {

    /** Why this provider can't serve here, or empty when it can. */
    Optional<String> unavailableReason();

    RunningNode start(Flavour flavour) throws Exception;
}
