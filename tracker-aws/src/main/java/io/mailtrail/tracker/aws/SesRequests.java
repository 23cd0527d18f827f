package io.mailtrail.tracker.aws;

import io.mailtrail.tracker.Email;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Reads what an event may show of an SES send request — recipients, sender, template — through the SDK's
 * generic field access ({@link SdkPojo#sdkFields()}), so that neither {@code sesv2} nor {@code ses} has to be on
 * the class path: the application may use either or both. The privacy policy applies when the event is written.
 */
final class SesRequests {

    /** The operations that send; every other SES call (GetAccount, identity management ...) is not an email call. */
    static final Set<String> SEND_OPERATIONS = Set.of("SendEmail", "SendBulkEmail", "SendRawEmail", "SendTemplatedEmail",
            "SendBulkTemplatedEmail", "SendCustomVerificationEmail");

    private SesRequests() {
    }

    /** The email of a send request: provider {@code ses}, recipients, sender and template where the request has them. */
    static Email email(SdkRequest request) {
        Email.Builder b = Email.builder("ses");
        Object destination = field(request, "Destination");
        b.to(strings(field(destination, "ToAddresses")))
                .cc(strings(field(destination, "CcAddresses")))
                .bcc(strings(field(destination, "BccAddresses")));
        // classic SendRawEmail: the envelope recipients, when given outside the raw message
        b.to(strings(field(request, "Destinations")));
        Object from = field(request, "FromEmailAddress");   // v2
        if (from == null) {
            from = field(request, "Source");                // classic
        }
        if (from instanceof String s) {
            b.from(s);
        }
        Object template = field(field(field(request, "Content"), "Template"), "TemplateName");   // v2
        if (template == null) {
            template = field(request, "Template");           // classic SendTemplatedEmail
        }
        if (template == null) {
            template = field(field(request, "DefaultContent"), "Template");   // v2 bulk
            template = template == null ? null : field(template, "TemplateName");
        }
        if (template instanceof String s) {
            b.template(s);
        }
        return b.build();
    }

    /** The value of member {@code name} of an SDK object, or null (no such member, or not an SDK object). */
    static Object field(Object pojo, String name) {
        if (!(pojo instanceof SdkPojo p)) {
            return null;
        }
        for (SdkField<?> f : p.sdkFields()) {
            if (name.equals(f.memberName())) {
                return f.getValueOrDefault(pojo);
            }
        }
        return null;
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof Collection<?> c)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(c.size());
        for (Object o : c) {
            if (o instanceof String s && !s.isBlank()) {
                out.add(s);
            }
        }
        return out;
    }
}
