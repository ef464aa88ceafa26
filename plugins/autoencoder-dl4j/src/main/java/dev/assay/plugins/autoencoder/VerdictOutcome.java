package dev.assay.plugins.autoencoder;

import java.util.List;

/**
 * The answer's yes/no verdict against the question's: whether it earns the verdict's share, and the answer notes that
 * say why not.
 *
 * @param said  the verdict as read from the answer's text
 * @param right whether it is one clear answer and the expected one
 */
record VerdictOutcome(Verdict said, boolean right) {

    static VerdictOutcome of(String expected, String answerText) {
        Verdict said = Verdict.read(answerText);
        return new VerdictOutcome(said, said.isClear() && expected.equalsIgnoreCase(said.answer()));
    }

    /** None when right; else VERDICT_WRONG (no share earned), then VERDICT_UNCLEAR or VERDICT_MISSING when it says why. */
    List<String> notes() {
        if (right) {
            return List.of();
        }
        if (said.unclear() != null) {
            return List.of("VERDICT_WRONG", "VERDICT_UNCLEAR");
        }
        return said.isClear() ? List.of("VERDICT_WRONG") : List.of("VERDICT_WRONG", "VERDICT_MISSING");
    }
}
