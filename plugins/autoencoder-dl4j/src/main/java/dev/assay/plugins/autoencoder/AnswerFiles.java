package dev.assay.plugins.autoencoder;

import dev.assay.api.Attachment;
import dev.assay.api.GradingRequest;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/** The files of an answer, found by name whatever their extension: the weights W1 and W2, or a training setup. */
final class AnswerFiles {
    private AnswerFiles() {
    }

    static Optional<Attachment> named(GradingRequest<AeConfig> r, String base) {
        return r.answer().attachments().stream().filter(a -> {
            String n = a.name();
            int dot = n.lastIndexOf('.');
            return (dot < 0 ? n : n.substring(0, dot)).equalsIgnoreCase(base);
        }).findFirst();
    }

    /** The answer is a training setup: a file {@code setup} and no W1 (uploaded weights win). */
    static Optional<Attachment> setup(GradingRequest<AeConfig> r) {
        return named(r, "W1").isPresent() ? Optional.empty() : named(r, "setup");
    }

    static DMatrixRMaj weights(GradingRequest<AeConfig> r, String base) throws WeightsException {
        Attachment f = named(r, base).orElseThrow(() -> new WeightsException("Upload your " + base
                + " as a file named " + base + " (CSV, JSON or .npy); the answer has " + (r.answer().attachments().isEmpty()
                ? "no files" : "only " + r.answer().attachments().stream().map(Attachment::name).toList()) + "."));
        return Matrices.read(f.name(), f.content());
    }
}
