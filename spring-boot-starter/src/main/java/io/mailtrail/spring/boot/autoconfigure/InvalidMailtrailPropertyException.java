package io.mailtrail.spring.boot.autoconfigure;

/**
 * A {@code mailtrail.*} property has a value the starter cannot use. Its message names the property, the value
 * (never a secret's) and why; {@link InvalidMailtrailPropertyFailureAnalyzer} shows it as Boot's startup report.
 */
public class InvalidMailtrailPropertyException extends IllegalStateException {

    private final String property;
    private final String value;
    private final String reason;

    public InvalidMailtrailPropertyException(String property, String value, String reason) {
        super(property + "=" + value + " is invalid: " + reason);
        this.property = property;
        this.value = value;
        this.reason = reason;
    }

    public String property() { return property; }
    public String value() { return value; }
    public String reason() { return reason; }
}
