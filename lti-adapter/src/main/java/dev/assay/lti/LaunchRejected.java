package dev.assay.lti;

/** A launch refused: a stable code for logs and tests, and a message that says what to fix. */
public class LaunchRejected extends Exception {
    private final String code;

    public LaunchRejected(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
