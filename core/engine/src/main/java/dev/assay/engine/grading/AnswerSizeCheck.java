package dev.assay.engine.grading;

import dev.assay.api.Answer;
import dev.assay.api.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The size limits on an answer, with a message that says what to do about them. */
public final class AnswerSizeCheck {
    public static final String TOO_LARGE = "ANSWER_TOO_LARGE";

    private AnswerSizeCheck() {
    }

    /** A message for the student if the answer is over a limit, else empty. */
    public static Optional<String> problem(Answer answer, Limits limits) {
        int textBytes = answer.text().getBytes(StandardCharsets.UTF_8).length;
        if (textBytes > limits.maxTextBytes()) {
            return Optional.of("Your answer is " + size(textBytes) + " of text; the limit is "
                    + size(limits.maxTextBytes()) + ". Shorten it and submit again.");
        }
        long fileBytes = answer.attachmentBytes();
        if (fileBytes > limits.maxAttachmentBytes()) {
            return Optional.of("Your files add up to " + size(fileBytes) + "; the limit is "
                    + size(limits.maxAttachmentBytes()) + ". Upload smaller files (fewer decimals, or float32).");
        }
        return Optional.empty();
    }

    /** A size as people read it: {@code 812 bytes}, {@code 64.0 KiB}, {@code 20.0 MiB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
