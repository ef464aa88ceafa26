package dev.assay.lti;

import java.util.Optional;

/** A launch refused: a stable code for logs and tests, and a message that says what to fix. */
public class LaunchRejected extends Exception {
    private final String code;
    /** The platform the refused login or launch came from, once known: its pages may frame the refusal. */
    private transient Platform platform;

    public LaunchRejected(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** This refusal, as one of a login or launch from {@code p}. */
    LaunchRejected from(Platform p) {
        if (platform == null) {
            platform = p;
        }
        return this;
    }

    Optional<Platform> platform() {
        return Optional.ofNullable(platform);
    }
}
