package dev.assay.plugins.autoencoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The yes/no verdict of a written answer, read so that it must be one clear answer: "yes or no", "yes/no",
 * "maybe", "not sure, yes?" say nothing, so they earn nothing, however the question's expected verdict reads.
 *
 * <p>The verdict is read from the first sentence that says yes, no, or something undecided; the rest is the
 * argument, where "no" as a determiner ("with no weight decay any A works") is common and is not a verdict.
 * A later sentence made of answer words only ("Or no.", "Maybe.") that takes the verdict back makes it unclear.
 *
 * @param answer {@code "yes"} or {@code "no"} when the answer is clear, else null
 * @param unclear why the answer is not one clear verdict (words from a fixed list, never the student's text),
 *                or null when it is clear or when there is no verdict at all
 */
record Verdict(String answer, String unclear) {
    static final Verdict NONE = new Verdict(null, null);

    /** A sentence ends at . ! ? ; : followed by a space or the end (so 0.1 stays whole), or at a line break. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;:])(?=\\s|$)|\\R");
    private static final Pattern ANSWER_WORD = Pattern.compile("\\b(yes|no)\\b");
    private static final Pattern NEXT_WORD = Pattern.compile("\\G\\s+([a-z']+)");
    private static final Pattern UNDECIDED = Pattern.compile("\\b(maybe|perhaps|possibly|unsure|uncertain|not sure|"
            + "not certain|don'?t know|do not know|dunno|idk|no idea|can'?t (?:say|tell)|cannot (?:say|tell)|hard to say)\\b");
    private static final Pattern WORD = Pattern.compile("[a-z']+");
    /**
     * Words after which "no" is still the answer ("no, because", "no it does not"); before any other word it is
     * a determiner ("no bias", "no weight decay").
     */
    private static final Set<String> AFTER_ANSWER_NO = Set.of("yes", "no", "or", "and", "nor", "but", "because", "since",
            "as", "so", "then", "it", "its", "it's", "they", "this", "that", "these", "those", "we", "i", "you", "the", "a",
            "an", "there", "here", "not", "never", "definitely", "certainly", "indeed", "maybe", "perhaps");
    /** A sentence of these words only is a (re)statement of the verdict, not part of the argument. */
    private static final Set<String> ANSWER_ONLY = Set.of("yes", "no", "or", "and", "but", "maybe", "perhaps", "possibly",
            "not", "sure", "unsure", "i", "i'm", "im", "am", "don't", "dont", "do", "know", "idk", "well", "hmm", "um",
            "so", "also", "then", "definitely", "certainly", "probably", "actually", "wait", "either", "really", "the",
            "answer", "is", "my", "verdict", "final");

    boolean isClear() {
        return answer != null;
    }

    static Verdict read(String text) {
        String normalised = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        String[] sentences = SENTENCE_END.split(normalised);
        for (int i = 0; i < sentences.length; i++) {
            Said first = Said.in(sentences[i]);
            if (!first.saysAnything()) {
                continue;
            }
            Verdict v = first.verdict();
            if (!v.isClear()) {
                return v;
            }
            for (int j = i + 1; j < sentences.length; j++) {
                Said later = Said.in(sentences[j]);
                if (later.saysAnything() && later.isAnswerOnly() && (later.undecided != null || !later.answers.equals(first.answers))) {
                    return new Verdict(null, later.undecided != null
                            ? "a later line takes it back (“" + later.undecided + "”)"
                            : "a later line answers “" + String.join("” and “", later.answers) + "”");
                }
            }
            return v;
        }
        return NONE;
    }

    /** What one sentence says: its answer words (in order, once each), an undecided phrase, a question mark. */
    private record Said(List<String> answers, String undecided, boolean asked, boolean isAnswerOnly) {
        static Said in(String sentence) {
            List<String> answers = new ArrayList<>();
            Matcher m = ANSWER_WORD.matcher(sentence);
            while (m.find()) {
                String word = m.group(1);
                if (word.equals("no")) {
                    Matcher next = NEXT_WORD.matcher(sentence);
                    if (next.find(m.end()) && next.start() == m.end() && !AFTER_ANSWER_NO.contains(next.group(1))) {
                        continue; // "no bias", "no weight decay": a determiner, not an answer
                    }
                }
                if (!answers.contains(word)) {
                    answers.add(word);
                }
            }
            Matcher u = UNDECIDED.matcher(sentence);
            String undecided = u.find() ? u.group(1) : null;
            boolean answerOnly = true;
            Matcher w = WORD.matcher(sentence);
            while (w.find()) {
                answerOnly &= ANSWER_ONLY.contains(w.group());
            }
            return new Said(List.copyOf(answers), undecided, sentence.strip().endsWith("?"), answerOnly);
        }

        boolean saysAnything() {
            return !answers.isEmpty() || undecided != null;
        }

        Verdict verdict() {
            if (answers.size() > 1) {
                return new Verdict(null, "it says both “yes” and “no”");
            }
            if (undecided != null) {
                return new Verdict(null, "“" + undecided + "” leaves it open");
            }
            if (asked) {
                return new Verdict(null, "your “" + answers.get(0) + "” is asked as a question");
            }
            return new Verdict(answers.get(0), null);
        }
    }
}
