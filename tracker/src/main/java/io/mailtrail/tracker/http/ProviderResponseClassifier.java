package io.mailtrail.tracker.http;

/** PLACEHOLDER of the tracker-api contract type; replaced by the providers helper's at merge. */
public interface ProviderResponseClassifier {
    String provider();

    HttpCallResult classify(HttpResponseView response);
}
