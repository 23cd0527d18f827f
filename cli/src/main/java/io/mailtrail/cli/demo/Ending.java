package io.mailtrail.cli.demo;

import io.mailtrail.cli.elasticsearch.ConnectionOptions;
import io.mailtrail.schema.Dataset;
import io.mailtrail.schema.Fields;
import jakarta.mail.internet.MimeMessage;

import java.io.PrintStream;
import java.util.List;

/** What the demo prints after its summary: the alert emails, and where to go from here. */
final class Ending {

    /** The address the demo's alert emails go to. */
    static final String ON_CALL = "oncall@demo.test";

    private Ending() {
    }

    /** Whether this build packages the Kibana dashboards (kibana-dashboards/, under mailtrail/ in the jar). */
    static boolean dashboardsPackaged() {
        return Ending.class.getResource("/mailtrail/kibana-dashboards") != null;
    }

    static void print(PrintStream out, DemoAlerts alerts, MailServer mail, ConnectionOptions es, String namespace, boolean reused,
                      String report) {
        out.println();
        List<MimeMessage> alertMails = mail.receivedBy(ON_CALL);
        out.println("alert emails received by " + ON_CALL + ": " + alertMails.size());
        for (MimeMessage m : alertMails) {
            out.println("  " + AlertMails.subject(m));
            AlertMails.firstLines(m, 3).forEach(l -> out.println("      " + l));
        }
        if (alertMails.isEmpty()) {
            out.println("  " + alerts.description());
        }
        out.println();
        out.println("report: " + report);
        out.println();
        String calls = Dataset.CALLS.dataStream(namespace);
        out.println("explore the data" + (reused ? "" : " (the node stops now; --keep-running keeps it)") + ":");
        out.println("  curl -s '" + es.url() + "/" + calls + "/_search?q=" + Fields.EVENT_OUTCOME.name() + ":failure&size=3&pretty'");
        out.println("  curl -s '" + es.url() + "/" + calls + "/_search?size=0&pretty' -H 'Content-Type: application/json' -d '{\"aggs\":{"
                + "\"provider\":{\"terms\":{\"field\":\"" + Fields.PROVIDER.name() + "\"},\"aggs\":{\"success_rate\":{\"avg\":{\"field\":\""
                + Fields.SUCCESS_COUNT.name() + "\"}},\"p95_ns\":{\"percentiles\":{\"field\":\"" + Fields.EVENT_DURATION.name()
                + "\",\"percents\":[95]}}}}}}'");
        String at = "--es-url " + es.url() + " --namespace " + namespace;
        out.println("  ./mailtrail events " + at + "      (latest events per outcome and category)");
        out.println("  ./mailtrail top " + at + "         (this live view, for any cluster)");
        out.println("  ./mailtrail tail " + at + " --failures");
        out.println();
        out.println(dashboardsPackaged()
                ? "dashboards in your own Kibana: mailtrail setup --es-url <your cluster> --kibana-url <your Kibana> (imports them),"
                        + " or import the NDJSON files of kibana-dashboards/ in Kibana: Stack Management > Saved objects > Import"
                : "dashboards: the Kibana dashboards (kibana-dashboards/) are not part of this build yet");
    }
}
