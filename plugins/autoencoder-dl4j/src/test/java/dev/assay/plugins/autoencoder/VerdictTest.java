package dev.assay.plugins.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerdictTest {
    @ParameterizedTest
    @ValueSource(strings = {"yes", "Yes.", "YES!", "Yes: with weight decay the decoder is pushed toward orthonormal columns.",
            "Yes, with no weight decay any A works, but the penalty picks the balanced one.",
            "Does weight decay bias the decoder toward orthonormal columns? Yes.", "I think yes, because λ‖W‖² is minimised at s_i = 1.",
            "Verdict: yes\nArgument: the penalty Σ(s_i² + 1/s_i²) is smallest at s_i = 1, with λ = 0.1.", "Yes. Yes!",
            "Yes. No other factorisation has a smaller penalty.", "Yeah, the penalty balances the layers.", "Yep.",
            "Yes. It does not matter how W2 starts: the penalty is smallest at s_i = 1.",
            "Yes. Whether or not λ is small, the balanced factorisation has the least penalty.", "Yes. Why not?",
            "\uff39\uff45\uff53.", "yes\u00a0– the penalty balances them", "ye\u200bs", "Yes. No matter what λ is, it is balanced."})
    void aClearYes(String text) {
        assertThat(Verdict.read(text)).isEqualTo(new Verdict("yes", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "No, weight decay only shrinks the weights.", "The answer is no.", "no it does not",
            "No because weight decay only shrinks the weights", "No – weight decay only shrinks them", "Nope.",
            "Nah, it only shrinks them.", "Certainly not.", "No. It does not change the columns."})
    void aClearNo(String text) {
        assertThat(Verdict.read(text)).isEqualTo(new Verdict("no", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes or no", "yes no", "Yes and no, it depends on lambda.", "yes/no", "Yes / No", "no or yes",
            "maybe", "Maybe, weight decay shrinks the weights.", "not sure, yes?", "Yes?", "perhaps yes", "I don't know",
            "I don’t know, yes", "no idea", "Yes.\nOr no.", "Yes. Maybe.", "No.\nYes.", "yes-no",
            // a later sentence that gives the other answer takes the first back, whatever else it says
            "Yes. No, weight decay only shrinks the weights.", "Yes. Or no, it depends on lambda.", "Yes. Then again, no.",
            "Yes. But it could also be no.", "Yes.\n\nNo: weight decay only shrinks the weights.", "No. Yeah, it does.",
            // yeah, yep, nope, nah and "or not" are answers too
            "Yes or not.", "Yeah or no", "Yep, nope", "yes or nah", "Yes. Definitely not.",
            // invisible characters and look-alike forms read as the letters they show
            "ye\u200bs or no", "yes\u00a0or\u00a0no", "\uff59\uff45\uff53 or \uff4e\uff4f", "y\u00ades or n\u2060o"})
    void hedgedAnswersAreNotAVerdict(String text) {
        Verdict v = Verdict.read(text);
        assertThat(v.isClear()).as(text).isFalse();
        assertThat(v.answer()).isNull();
        assertThat(v.unclear()).as("a reason to show the student").isNotBlank();
    }

    @org.junit.jupiter.api.Test
    void theEchoSaysWhenTheVerdictIsNotOneAnswer() {
        var w = ReconstructionCreditTest.optimum();
        var hedged = AutoencoderPluginTest.SHARED.validate(ReconstructionCreditTest.request("yes or no", w.w1, w.w2));
        assertThat(hedged.echo().text()).contains("verdict: not one clear answer (it says both “yes” and “no”): write yes or no");
        var clear = AutoencoderPluginTest.SHARED.validate(ReconstructionCreditTest.request("Yes: the penalty balances them.", w.w1, w.w2));
        assertThat(clear.echo().text()).contains("verdict: yes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Weight decay shrinks the weights.", "With no weight decay nothing changes.", "λ = 0.1, k = 5."})
    void noVerdictAtAll(String text) {
        assertThat(Verdict.read(text)).isEqualTo(Verdict.NONE);
    }
}
