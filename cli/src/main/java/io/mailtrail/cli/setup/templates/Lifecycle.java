package io.mailtrail.cli.setup.templates;

import io.mailtrail.cli.elasticsearch.Cluster;

/**
 * How old events are removed. The index templates always carry a data stream lifecycle retention; where the
 * cluster has ILM, setup also installs ILM policies and the component templates that attach them, and ILM
 * then governs (Elasticsearch prefers ILM when both are set). Clusters without the ILM module (e.g. minimal
 * distributions) reject {@code index.lifecycle.name}, so it is only installed where ILM answers.
 */
enum Lifecycle {
    ILM,
    DATA_STREAM_LIFECYCLE;

    static final String ILM_STATUS_PATH = "/_ilm/status";

    /** 200 from the ILM status API means ILM is there; 400/404/405/410 mean the module is absent. */
    static Lifecycle detect(Cluster cluster) {
        String action = "read the ILM status (GET " + ILM_STATUS_PATH + ")";
        int status = cluster.probe(ILM_STATUS_PATH, action);
        if (status == 403) {
            // The cluster has ILM, but this user can't install policies there.
            throw cluster.refused(action, "manage_ilm", status);
        }
        return status >= 200 && status < 300 ? ILM : DATA_STREAM_LIFECYCLE;
    }
}
