package io.mailtrail.tracker.aws;

import io.mailtrail.schema.ErrorCategory;
import io.mailtrail.tracker.AttemptResult;
import io.mailtrail.tracker.Email;
import io.mailtrail.tracker.MailTracker;
import io.mailtrail.tracker.ObservedSend;
import io.mailtrail.tracker.http.HttpProviders;
import io.mailtrail.tracker.http.HttpResponseView;
import io.mailtrail.tracker.http.ProviderResponseClassifier;
import io.mailtrail.tracker.httpcall.HttpCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tracks the sends of an AWS SDK for Java v2 SES client ({@code SesV2Client}, {@code SesClient}, and their async
 * variants): one mailtrail event per HTTP attempt, classified from the status, the AWS error code and the body
 * as {@link HttpProviders#ses()} classifies them, with the request id and the message id. The SDK's own retries
 * show as attempts 1, 2, ... of one send: same send id and trace id, the last one {@code final}.
 *
 * <pre>{@code
 * SesV2Client ses = SesV2Client.builder()
 *         .overrideConfiguration(o -> o.addExecutionInterceptor(MailtrailSesInterceptor.create(tracker)))
 *         .build();
 * }</pre>
 *
 * <p>Only send operations ({@code SendEmail}, {@code SendBulkEmail}, {@code SendRawEmail},
 * {@code SendTemplatedEmail}, {@code SendBulkTemplatedEmail}, {@code SendCustomVerificationEmail}) are recorded.
 * An attempt's event is written when the SDK either starts the next attempt or ends the call, because only then
 * is it known whether it was the last. An attempt that got no HTTP response and was retried is recorded as a
 * retryable {@code network} failure (the SDK does not tell interceptors why it retried); the last attempt is
 * classified from the SDK's exception ({@code timeout}, {@code network}, ...). Async clients: the body is not
 * read, the status and {@code x-amzn-ErrorType} header (SES v2) classify, the message id comes from the response.
 *
 * <p>Never throws into the SDK: a recording problem is logged once on this class's logger. Thread-safe, one
 * instance may serve several clients.
 */
public final class MailtrailSesInterceptor implements ExecutionInterceptor {

    private static final Logger SELF = LoggerFactory.getLogger(MailtrailSesInterceptor.class);
    private static final ExecutionAttribute<State> STATE = new ExecutionAttribute<>("io.mailtrail.tracker.aws.State");
    private static final Pattern XML_REQUEST_ID = Pattern.compile("<RequestId>\\s*([^<]+?)\\s*</RequestId>");

    private final MailTracker tracker;
    private final Function<SdkRequest, Email> emails;
    private final ProviderResponseClassifier classifier;
    private final AtomicLong problems = new AtomicLong();

    private MailtrailSesInterceptor(MailTracker tracker, Function<SdkRequest, Email> emails) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.emails = Objects.requireNonNull(emails, "emails");
        this.classifier = HttpProviders.ses();
    }

    /**
     * An interceptor recording into {@code tracker}; each event's email (recipients, sender, template) is read
     * from the SDK request, and the tracker's privacy policy decides what of it is written.
     */
    public static MailtrailSesInterceptor create(MailTracker tracker) {
        return new MailtrailSesInterceptor(tracker, SesRequests::email);
    }

    /**
     * As {@link #create(MailTracker)}, with the event's {@link Email} built by {@code emails} from the SDK request
     * (to add a template name, tenant or labels of your own); provider should be {@code ses}.
     */
    public static MailtrailSesInterceptor create(MailTracker tracker, Function<SdkRequest, Email> emails) {
        return new MailtrailSesInterceptor(tracker, emails);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        try {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if (operation != null && SesRequests.SEND_OPERATIONS.contains(operation)) {
                Email email = null;
                try {
                    email = emails.apply(context.request());
                } catch (RuntimeException problem) {
                    problem(problem);
                }
                attributes.putAttribute(STATE, new State(tracker.observe(email != null ? email : Email.builder("ses").build())));
            }
        } catch (RuntimeException | LinkageError problem) {
            problem(problem);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        State state = attributes.getAttribute(STATE);
        if (state == null) {
            return;
        }
        try {
            if (state.attempt != null && !state.attempt.recorded()) {
                // the SDK is retrying: the attempt before this one was not the last
                state.attempt.record(state.resultWithoutException(), null, false);
            }
            state.start(context.httpRequest());
        } catch (RuntimeException | LinkageError problem) {
            problem(problem);
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        State state = attributes.getAttribute(STATE);
        if (state == null || state.attempt == null) {
            return;
        }
        try {
            state.attempt.stop();
            SdkHttpResponse response = context.httpResponse();
            state.status = response.statusCode();
            state.response = response;
        } catch (RuntimeException | LinkageError problem) {
            problem(problem);
        }
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        State state = attributes.getAttribute(STATE);
        if (state == null || state.attempt == null || body.isEmpty()) {
            return body;
        }
        try {
            BodyCopy copy = BodyCopy.of(body.get());
            state.body = copy.text();
            return Optional.of(copy.replay());
        } catch (RuntimeException | LinkageError problem) {
            problem(problem);
            return body;
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        State state = attributes.getAttribute(STATE);
        if (state == null) {
            return;
        }
        try {
            if (state.attempt == null) {
                state.start(context.httpRequest());
            }
            AttemptResult result = state.resultWithoutException();
            if (result.messageId() == null) {
                String id = messageId(context.response());
                if (id != null) {
                    result = result.toBuilder().messageId(id).build();
                }
            }
            state.attempt.record(result, null, true);
        } catch (RuntimeException | LinkageError problem) {
            problem(problem);
        } finally {
            state.send.end();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        State state = attributes.getAttribute(STATE);
        if (state == null) {
            return;
        }
        try {
            if (state.attempt == null) {
                // failed before anything was sent (no credentials, bad endpoint ...): still one attempt
                state.start(context.httpRequest().orElse(null));
            }
            if (!state.attempt.recorded()) {
                Throwable error = context.exception();
                AttemptResult result = state.response != null ? state.classifyResponse()
                        : state.endpoint().classifyError(error);
                state.attempt.record(result, error, true);
            }
        } catch (RuntimeException | LinkageError problem) {
            problem(problem);
        } finally {
            state.send.end();
        }
    }

    /** Classic SES posts to the endpoint's root, which the SDK writes with an empty path. */
    private static URI withPath(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? uri.resolve("/") : uri;
    }

    private static String messageId(SdkResponse response) {
        Object id = SesRequests.field(response, "MessageId");
        return id instanceof String s ? s : null;
    }

    private void problem(Throwable problem) {
        long n = problems.incrementAndGet();
        if (n == 1) {
            SELF.warn("mailtrail could not record an SES call (the call itself was not affected); further problems at DEBUG", problem);
        } else {
            SELF.debug("mailtrail could not record an SES call ({} problems so far)", n, problem);
        }
    }

    /** The send of one SDK execution and its attempt in flight. */
    private final class State {
        final ObservedSend send;
        ObservedSend.Attempt attempt;
        SdkHttpRequest request;
        SdkHttpResponse response;
        Integer status;
        String body;

        State(ObservedSend send) {
            this.send = send;
        }

        void start(SdkHttpRequest httpRequest) {
            attempt = send.startAttempt();
            request = httpRequest;
            response = null;
            status = null;
            body = null;
        }

        io.mailtrail.tracker.httpcall.HttpCallClassifier<HttpResponseView> endpoint() {
            return request == null ? HttpCalls.of(classifier, v -> v)
                    : HttpCalls.of(classifier, v -> v, request.method().name(), withPath(request.getUri()));
        }

        AttemptResult classifyResponse() {
            HttpResponseView view = new HttpResponseView(status, response.headers(), body);
            AttemptResult r = endpoint().classifyResult(view);
            String requestId = view.header("x-amzn-RequestId").or(() -> view.header("x-amz-request-id")).orElse(null);
            if (requestId == null && body != null) {
                Matcher m = XML_REQUEST_ID.matcher(body);
                requestId = m.find() ? m.group(1) : null;
            }
            return r.toBuilder().requestId(requestId).build();
        }

        /** The attempt's result when no exception is at hand: from its response, or "no response" when it had none. */
        AttemptResult resultWithoutException() {
            if (response != null) {
                return classifyResponse();
            }
            AttemptResult none = AttemptResult.failure(ErrorCategory.NETWORK).retryable(true)
                    .errorMessage("no HTTP response; the AWS SDK retried").build();
            AttemptResult withEndpoint = endpoint().classifyError(new java.io.IOException("no HTTP response"));
            return none.toBuilder().httpRequest(withEndpoint.httpMethod(), withEndpoint.urlDomain(), withEndpoint.urlPath())
                    .server(withEndpoint.serverAddress(), withEndpoint.serverPort()).build();
        }
    }
}
