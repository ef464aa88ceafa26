package dev.assay.plugins.autoencoder;

import java.util.List;
import java.util.Optional;

/**
 * The answer's yes/no verdict against the question's: whether it earns the verdict's share, and the answer notes that
 * say why not. A question that asks no verdict reads none and gives no verdict notes.
 *
 * @param asked the question's yes/no question, or null when it asks none
 * @param said  the verdict as read from the answer's text ({@link Verdict#NONE} when none is asked)
 * @param right whether a verdict is asked and the answer gives one clear answer, the expected one
 */
record VerdictOutcome(AeConfig.VerdictQuestion asked, Verdict said, boolean right) {
    static final VerdictOutcome NOT_ASKED = new VerdictOutcome(null, Verdict.NONE, false);

    static VerdictOutcome of(Optional<AeConfig.VerdictQuestion> asked, String answerText) {
        if (asked.isEmpty()) {
            return NOT_ASKED;
        }
        Verdict said = Verdict.read(answerText);
        return new VerdictOutcome(asked.get(), said, said.isClear() && asked.get().expected().equalsIgnoreCase(said.answer()));
    }

    boolean isAsked() {
        return asked != null;
    }

    /** None when right or not asked; else VERDICT_WRONG (no share earned), then VERDICT_UNCLEAR or VERDICT_MISSING. */
    List<String> notes() {
        if (right || !isAsked()) {
            return List.of();
        }
        if (said.unclear() != null) {
            return List.of("VERDICT_WRONG", "VERDICT_UNCLEAR");
        }
        return said.isClear() ? List.of("VERDICT_WRONG") : List.of("VERDICT_WRONG", "VERDICT_MISSING");
    }
}
