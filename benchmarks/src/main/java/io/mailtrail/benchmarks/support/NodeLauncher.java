package io.mailtrail.benchmarks.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts one node for a whole {@code run.sh}, writes its URL to the file named by the first argument, and
 * keeps it until its standard input closes (run.sh holds it open) or the process is terminated.
 */
public final class NodeLauncher {

    private NodeLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: NodeLauncher <file to write the node URL to>");
            System.exit(2);
        }
        Cluster cluster = Cluster.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception e) {
                System.err.println("stopping the node: " + e);
            }
        }));
        Path tmp = Path.of(args[0] + ".tmp");
        Files.writeString(tmp, cluster.url());
        Files.move(tmp, Path.of(args[0]), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("node up: " + cluster.node());
        while (System.in.read() >= 0) {
            // run.sh writes nothing; end of input means run.sh is done
        }
        System.exit(0);
    }
}
