package dev.assay.engine.grading;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic seeds: the same question and answer always draw the same random numbers. */
public final class Seeds {
    private Seeds() {
    }

    public static long of(String questionId, Answer answer) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(questionId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(answer.text().getBytes(StandardCharsets.UTF_8));
            for (Attachment a : answer.attachments()) {
                sha.update((byte) 0);
                sha.update(a.name().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(a.content());
            }
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
