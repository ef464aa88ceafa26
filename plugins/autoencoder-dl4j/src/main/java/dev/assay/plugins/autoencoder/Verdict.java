package dev.assay.plugins.autoencoder;

import java.text.Normalizer;
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
 * argument, where "no" as a determiner ("with no weight decay any A works") is common and is not a verdict. A later
 * sentence that gives the other answer ("Yes. No, weight decay only shrinks them.", "Yes. Then again, no.") makes it
 * unclear, and so does a later sentence of answer words only that hedges ("Yes. Maybe."). Yeah, yep and yup say yes;
 * nope and nah say no, and so does "not" where it stands for an answer ("yes or not", "Certainly not.").
 *
 * <p>The text is read after removing invisible format characters (Unicode category Cf: a zero-width space inside a
 * word) and NFKC normalisation (full-width letters, no-break spaces), so what reads as yes to a person reads as yes here.
 *
 * @param answer {@code "yes"} or {@code "no"} when the answer is clear, else null
 * @param unclear why the answer is not one clear verdict (words from a fixed list, never the student's text),
 *                or null when it is clear or when there is no verdict at all
 */
record Verdict(String answer, String unclear) {
    static final Verdict NONE = new Verdict(null, null);

    /** A sentence ends at . ! ? ; : followed by a space or the end (so 0.1 stays whole), or at a line break. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;:])(?=\\s|$)|\\R");
    /** Characters a reader does not see (zero-width space and joiners, soft hyphen, bidi marks): Unicode category Cf. */
    private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}");
    private static final Set<String> SAY_YES = Set.of("yes", "yeah", "yep", "yup");
    private static final Set<String> SAY_NO = Set.of("no", "nope", "nah");
    private static final Pattern UNDECIDED = Pattern.compile("\\b(maybe|perhaps|possibly|unsure|uncertain|not sure|"
            + "not certain|don'?t know|do not know|dunno|idk|no idea|can'?t (?:say|tell)|cannot (?:say|tell)|hard to say)\\b");
    private static final Pattern WORD = Pattern.compile("[a-z']+");
    /**
     * Words after which "no" is still the answer ("no, because", "no it does not"); before any other word it is
     * a determiner ("no bias", "no weight decay").
     */
    private static final Set<String> AFTER_ANSWER_NO = Set.of("yes", "yeah", "yep", "yup", "no", "nope", "nah", "or", "and",
            "nor", "but", "because", "since", "as", "so", "then", "it", "its", "it's", "they", "this", "that", "these",
            "those", "we", "i", "you", "the", "a", "an", "there", "here", "not", "never", "definitely", "certainly", "indeed",
            "maybe", "perhaps");
    /** A sentence of these words only is a (re)statement of the verdict, not part of the argument. */
    private static final Set<String> ANSWER_ONLY = Set.of("yes", "yeah", "yep", "yup", "no", "nope", "nah", "or", "and",
            "but", "maybe", "perhaps", "possibly", "not", "sure", "unsure", "i", "i'm", "im", "am", "don't", "dont", "do",
            "know", "idk", "well", "hmm", "um", "so", "also", "then", "definitely", "certainly", "probably", "actually",
            "wait", "either", "really", "the", "answer", "is", "my", "verdict", "final");

    boolean isClear() {
        return answer != null;
    }

    static Verdict read(String text) {
        String visible = INVISIBLE.matcher(text).replaceAll("");
        String normalised = Normalizer.normalize(visible, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
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
            String other = v.answer().equals("yes") ? "no" : "yes";
            for (int j = i + 1; j < sentences.length; j++) {
                Said later = Said.in(sentences[j]);
                if (later.answers.contains(other)) {
                    return new Verdict(null, "a later sentence answers “" + other + "”");
                }
                if (later.undecided != null && later.isAnswerOnly) {
                    return new Verdict(null, "a later sentence takes it back (“" + later.undecided + "”)");
                }
            }
            return v;
        }
        return NONE;
    }

    /** What one sentence says: its answers (yes, no; in order, once each), an undecided phrase, a question mark. */
    private record Said(List<String> answers, String undecided, boolean asked, boolean isAnswerOnly) {
        static Said in(String sentence) {
            List<String> words = new ArrayList<>();
            List<int[]> spans = new ArrayList<>();
            Matcher w = WORD.matcher(sentence);
            boolean answerOnly = true;
            while (w.find()) {
                words.add(w.group());
                spans.add(new int[]{w.start(), w.end()});
                answerOnly &= ANSWER_ONLY.contains(w.group());
            }
            List<String> answers = new ArrayList<>();
            for (int t = 0; t < words.size(); t++) {
                String said = answerOf(sentence, words, spans, t, answerOnly);
                if (said != null && !answers.contains(said)) {
                    answers.add(said);
                }
            }
            Matcher u = UNDECIDED.matcher(sentence);
            String undecided = u.find() ? u.group(1) : null;
            return new Said(List.copyOf(answers), undecided, sentence.strip().endsWith("?"), answerOnly);
        }

        /** "yes", "no", or null when the word at {@code t} gives no answer. */
        private static String answerOf(String sentence, List<String> words, List<int[]> spans, int t, boolean answerOnly) {
            String word = words.get(t);
            if (SAY_YES.contains(word)) {
                return "yes";
            }
            if (word.equals("no")) {
                boolean nextFollowsAfterASpace = t + 1 < words.size()
                        && isSpaceOnly(sentence.substring(spans.get(t)[1], spans.get(t + 1)[0]));
                // "no bias", "no weight decay": a determiner, not an answer
                return nextFollowsAfterASpace && !AFTER_ANSWER_NO.contains(words.get(t + 1)) ? null : "no";
            }
            if (SAY_NO.contains(word)) {
                return "no";
            }
            if (word.equals("not")) {
                // "yes or not", "Certainly not.": an answer; "it does not", "whether or not λ > 0": the argument
                boolean afterAnswerOr = t >= 2 && words.get(t - 1).equals("or")
                        && (SAY_YES.contains(words.get(t - 2)) || SAY_NO.contains(words.get(t - 2)));
                return afterAnswerOr || answerOnly ? "no" : null;
            }
            return null;
        }

        private static boolean isSpaceOnly(String between) {
            return !between.isEmpty() && between.isBlank();
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
