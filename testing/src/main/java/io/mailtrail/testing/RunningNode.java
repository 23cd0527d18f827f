package io.mailtrail.testing;

/** A started node and the means to stop it: for code that manages a node itself (benchmarks, demos). */
public interface RunningNode extends AutoCloseable {

    ElasticsearchNode node();

    /** Stops the node and removes what it left on disk; never throws. */
    @Override
    void close();
}
