package dev.assay.plugins.essay;

import dev.assay.api.ConfigProblem;
import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingRequest;
import dev.assay.api.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Short essays and short answers, graded offline against a rubric (criteria with evidence found by
 * English analysis, numbers with units, misconceptions) or against reference answers; each grade
 * quotes the spans that earned credit, and low confidence routes the answer to an instructor.
 */
public final class EssayRubricPlugin implements GraderPlugin<EssayConfig> {
    static final int MAX_CHARS = 20_000;
    private final ReferenceAnswers referenceAnswers = new ReferenceAnswers();

    @Override
    public String id() {
        return "essay-rubric";
    }


    @Override
    public Class<EssayConfig> configType() {
        return EssayConfig.class;
    }

    /** {@code eval}'s reference questions and calibration ({@link ReferenceAnswers}). */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(referenceAnswers) ? Optional.of(type.cast(referenceAnswers)) : Optional.empty();
    }

    @Override
    public List<ConfigProblem> checkConfig(EssayConfig c) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (c.mode() == EssayConfig.Mode.rubric && c.criteria().isEmpty()) {
            problems.add(new ConfigProblem("criteria", "a rubric needs at least one criterion"));
        }
        if (c.mode() == EssayConfig.Mode.reference && c.references().isEmpty()) {
            problems.add(new ConfigProblem("references", "give at least one reference answer"));
        }
        if (c.thresholds().size() != 2 || c.thresholds().get(0) > c.thresholds().get(1)) {
            problems.add(new ConfigProblem("thresholds", "give two increasing similarities: [half credit, full credit]"));
        }
        if (c.length().policy() != null && !List.of("flag", "penalise", "zero").contains(c.length().policy())) {
            problems.add(new ConfigProblem("length.policy", "use flag, penalise or zero"));
        }
        for (int i = 0; i < c.criteria().size(); i++) {
            checkEvidence(c.criteria().get(i).evidence(), "criteria[" + i + "].evidence", problems);
        }
        for (int i = 0; i < c.misconceptions().size(); i++) {
            checkEvidence(c.misconceptions().get(i).evidence(), "misconceptions[" + i + "].evidence", problems);
        }
        if (!"en".equals(c.language())) {
            problems.add(new ConfigProblem("language", "only English (en) is analysed so far"));
        }
        if (problems.isEmpty() && needsModel(c)) {
            Embedder.warmUp();
        }
        return problems;
    }

    /** Whether grading this question reads meaning (a learned model, or evidence met by meaning). */
    static boolean needsModel(EssayConfig c) {
        if (c.mode() == EssayConfig.Mode.reference) {
            return c.model() != null;
        }
        List<EssayConfig.Evidence> todo = new ArrayList<>();
        c.criteria().forEach(cr -> todo.add(cr.evidence()));
        c.misconceptions().forEach(m -> todo.add(m.evidence()));
        while (!todo.isEmpty()) {
            EssayConfig.Evidence e = todo.remove(todo.size() - 1);
            if (e == null) {
                continue;
            }
            if (e.meaning() != null && !e.meaning().isEmpty()) {
                return true;
            }
            if (e.anyOf() != null) {
                todo.addAll(e.anyOf());
            }
            if (e.allOf() != null) {
                todo.addAll(e.allOf());
            }
        }
        return false;
    }

    private static void checkEvidence(EssayConfig.Evidence e, String path, List<ConfigProblem> problems) {
        if (e.pattern() != null) {
            try {
                Pattern.compile(e.pattern());
            } catch (PatternSyntaxException ex) {
                problems.add(new ConfigProblem(path + ".pattern", "not a regular expression: " + ex.getDescription()));
            }
        }
        boolean empty = (e.concepts() == null || e.concepts().isEmpty()) && e.number() == null && e.pattern() == null
                && (e.anyOf() == null || e.anyOf().isEmpty()) && (e.allOf() == null || e.allOf().isEmpty())
                && (e.meaning() == null || e.meaning().isEmpty());
        if (empty) {
            problems.add(new ConfigProblem(path, "give concepts, number, pattern, meaning, anyOf or allOf"));
        }
        if (e.minSimilarity() != null && (e.meaning() == null || e.meaning().isEmpty())) {
            problems.add(new ConfigProblem(path + ".minSimilarity", "applies to meaning statements: give meaning too"));
        }
        if (e.concepts() != null) {
            for (int i = 0; i < e.concepts().size(); i++) {
                for (int j = 0; j < e.concepts().get(i).size(); j++) {
                    if (Text.stems(e.concepts().get(i).get(j)).isEmpty()) {
                        problems.add(new ConfigProblem(path + ".concepts[" + i + "][" + j + "]",
                                "has only stop words, so it can never match"));
                    }
                }
            }
        }
        if (e.anyOf() != null) {
            for (int i = 0; i < e.anyOf().size(); i++) {
                checkEvidence(e.anyOf().get(i), path + ".anyOf[" + i + "]", problems);
            }
        }
        if (e.allOf() != null) {
            for (int i = 0; i < e.allOf().size(); i++) {
                checkEvidence(e.allOf().get(i), path + ".allOf[" + i + "]", problems);
            }
        }
    }

    @Override
    public Validation validate(GradingRequest<EssayConfig> request) {
        Text t = new Text(clip(request.answer().text()));
        if (t.words == 0) {
            return Validation.invalid("EMPTY", "Write your answer in sentences.", Echo.NONE);
        }
        return Validation.valid(Echo.text(t.words + " words"));
    }

    private static String clip(String s) {
        return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
    }

    @Override
    public Grade grade(GradingRequest<EssayConfig> request) {
        EssayConfig c = request.config();
        Text text = new Text(clip(request.answer().text()));
        if (text.words == 0) {
            return Grade.invalid("EMPTY", "Your answer is empty. Write it in sentences and submit again.", Echo.NONE);
        }
        double points = request.context().points();
        Result r = c.mode() == EssayConfig.Mode.rubric ? rubric(c, text, points)
                : c.model() != null ? Learned.grade(c, text, points) : reference(c, text);
        List<String> doubts = new ArrayList<>(r.doubts);
        doubts.addAll(doubts(c, text));
        double score = r.score;
        List<String> lengthNotes = new ArrayList<>();
        String lengthWords = "";
        Integer min = c.length().minWords();
        Integer max = c.length().maxWords();
        if (min != null && text.words < min) {
            lengthNotes.add("TOO_SHORT");
            lengthWords = "Your answer has " + text.words + " words; at least " + min + " are asked for.";
        } else if (max != null && text.words > max) {
            lengthNotes.add("TOO_LONG");
            lengthWords = "Your answer has " + text.words + " words; at most " + max + " are asked for.";
        }
        String policy = c.length().policy() == null ? "flag" : c.length().policy();
        if (!lengthNotes.isEmpty()) {
            score = switch (policy) {
                case "penalise" -> score / 2;
                case "zero" -> 0;
                default -> score;
            };
            lengthWords += switch (policy) {
                case "penalise" -> " The score is halved for that: " + pts(score * points) + " of " + pts(points)
                        + (points == 1 ? " point." : " points.");
                case "zero" -> " The answer earns no credit outside the bounds.";
                default -> "";
            };
        }
        Grade.Builder g = Grade.builder(doubts.isEmpty() ? Grade.Status.GRADED : Grade.Status.NEEDS_REVIEW)
                .score(Math.max(0, Math.min(1, score))).echo(Echo.text(text.words + " words"));
        r.notes.forEach(g::note);
        lengthNotes.forEach(g::note);
        g.feedback(FeedbackBlock.diagnosis(r.summary + (lengthWords.isEmpty() ? "" : " " + lengthWords)));
        if (!r.evidence.isEmpty()) {
            g.feedback(new FeedbackBlock(FeedbackBlock.Kind.EVIDENCE, "What counted", r.evidence, null));
        }
        if (!doubts.isEmpty()) {
            g.note("NEEDS_REVIEW").feedback(FeedbackBlock.of(FeedbackBlock.Kind.INFO, "This score is provisional: an instructor "
                    + "will look at your answer, because " + String.join("; ", doubts) + "."));
        }
        if (!request.expectedApproach().isBlank()) {
            g.feedback(FeedbackBlock.expectedApproach(request.expectedApproach()));
        }
        return g.build();
    }

    record Result(double score, List<String> notes, String summary, String evidence, List<String> doubts) {
    }

    /**
     * The rubric's points are the instructor's weights; the student reads points of the question: a criterion worth
     * 1 of a rubric's 3 on a 2-point question is worth 0.67 points, and an answer that meets two such criteria
     * earns 1.33 of 2 points.
     */
    private static Result rubric(EssayConfig c, Text text, double questionPoints) {
        EvidenceMatcher m = new EvidenceMatcher(text);
        double total = c.criteria().stream().mapToDouble(EssayConfig.Criterion::points).sum();
        double perWeight = total == 0 ? 0 : questionPoints / total;
        double earned = 0;
        List<String> notes = new ArrayList<>();
        StringBuilder ev = new StringBuilder();
        int spans = 0;
        for (EssayConfig.Criterion cr : c.criteria()) {
            Optional<List<EvidenceMatcher.Span>> found = m.find(cr.evidence());
            String what = cr.description() == null ? cr.id() : cr.description();
            String worth = pts(cr.points() * perWeight);
            if (found.isPresent()) {
                spans += found.get().size();
                earned += cr.points();
                notes.add(cr.id());
                ev.append("- ✓ ").append(what).append(" (").append(worth).append(" of ").append(worth)
                        .append("): ").append(quotes(text, found.get())).append('\n');
            } else {
                ev.append("- ✗ ").append(what).append(" (0 of ").append(worth).append("): not found in your answer.\n");
            }
        }
        for (EssayConfig.Misconception mc : c.misconceptions()) {
            Optional<List<EvidenceMatcher.Span>> found = m.find(mc.evidence());
            if (found.isPresent()) {
                double penalty = mc.penalty() == null ? 1 : mc.penalty();
                earned -= penalty;
                notes.add(mc.id());
                ev.append("- ✗ ").append(mc.feedback() != null ? mc.feedback() : mc.description() != null ? mc.description() : mc.id())
                        .append(" (−").append(pts(penalty * perWeight)).append("): ").append(quotes(text, found.get())).append('\n');
            }
        }
        double score = total == 0 ? 0 : Math.min(1, Math.max(0, earned) / total);
        List<String> doubts = new ArrayList<>();
        if (score > 0 && spans == 1 && text.words >= 60) {
            doubts.add("the credit rests on a single phrase in a long answer");
        }
        if (m.modelUnavailable) {
            doubts.add("the sentence model could not be loaded, so the points the rubric accepts in other words were not "
                    + "checked");
        }
        String ofPoints = pts(score * questionPoints) + " of " + pts(questionPoints) + (questionPoints == 1 ? " point" : " points");
        String summary = score >= 1 ? "Everything the rubric asks for is in your answer: " + ofPoints + "."
                : "Your answer earns " + ofPoints + "; the list below shows what counted and what is missing.";
        return new Result(score, notes, summary, ev.toString().trim(), doubts);
    }

    private static String quotes(Text text, List<EvidenceMatcher.Span> spans) {
        List<String> q = new ArrayList<>();
        for (EvidenceMatcher.Span s : spans) {
            String quote = "“" + text.quote(s.start(), s.end()) + "”";
            if (!q.contains(quote)) {
                q.add(quote);
            }
        }
        return String.join(", ", q);
    }

    /** Points as a person writes them: 2, 0.5, 1.33 (two decimals at most, none that are zero). */
    static String pts(double p) {
        return java.math.BigDecimal.valueOf(p).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    /** Overlap of the answer's stems with the closest reference's: 0.8·recall + 0.2·precision. */
    static double similarity(Text answer, String reference) {
        Set<String> r = new HashSet<>(Text.stems(reference));
        Set<String> a = new HashSet<>();
        answer.tokens.forEach(t -> a.add(t.stem()));
        if (r.isEmpty() || a.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(r);
        return 0.8 * common.size() / r.size() + 0.2 * common.size() / a.size();
    }

    private static Result reference(EssayConfig c, Text text) {
        double best = 0;
        int which = 0;
        for (int i = 0; i < c.references().size(); i++) {
            double s = similarity(text, c.references().get(i));
            if (s > best) {
                best = s;
                which = i;
            }
        }
        double half = c.thresholds().get(0);
        double full = c.thresholds().get(1);
        double score = best >= full ? 1 : best >= half ? 0.5 : 0;
        double bestExample = 0;
        EssayConfig.Example nearest = null;
        for (EssayConfig.Example ex : c.examples()) {
            double s = similarity(text, ex.answer());
            if (s > bestExample) {
                bestExample = s;
                nearest = ex;
            }
        }
        boolean byExample = nearest != null && bestExample > best && bestExample >= half;
        if (byExample) {
            score = nearest.score();
        }
        List<String> doubts = new ArrayList<>();
        if (Math.abs(best - half) < 0.05 || Math.abs(best - full) < 0.05) {
            doubts.add("your answer is close to the line between two scores");
        }
        Set<String> shared = new HashSet<>(Text.stems(c.references().get(which)));
        shared.retainAll(text.tokens.stream().map(Text.Token::stem).toList());
        String summary = score >= 1 ? "Your answer makes the point the question asks for."
                : score > 0 ? "Your answer is on the right track but makes the point only in part."
                : "Your answer does not make the point the question asks for.";
        String evidence = byExample ? "Closest to an answer an instructor graded " + Math.round(nearest.score() * 100)
                + " % (similarity " + String.format(Locale.ROOT, "%.2f", bestExample) + ")." : "Closest to the reference answer " + (which + 1) + " (similarity " + String.format(Locale.ROOT, "%.2f", best)
                + "; half credit from " + half + ", full from " + full + ")" + (shared.isEmpty() ? "." : "; shared terms: "
                + String.join(", ", shared.stream().sorted().toList()) + ".");
        return new Result(score, List.of(), summary, evidence, doubts);
    }

    /** Reasons to doubt an automatic score: not prose, repetition, the question copied back, another language. */
    static List<String> doubts(EssayConfig c, Text text) {
        List<String> doubts = new ArrayList<>();
        if (text.words >= 12 && (double) text.stopWords / text.words < 0.1) {
            doubts.add("it reads like a list of keywords rather than sentences");
        }
        long distinct = text.tokens.stream().map(Text.Token::stem).distinct().count();
        if (text.tokens.size() >= 12 && (double) distinct / text.tokens.size() < 0.4) {
            doubts.add("it repeats the same words many times");
        }
        if (!c.questionText().isBlank() && text.tokens.size() >= 6) {
            Set<String> question = new HashSet<>(Text.stems(c.questionText()));
            long copied = text.tokens.stream().filter(t -> question.contains(t.stem())).count();
            if ((double) copied / text.tokens.size() > 0.8) {
                doubts.add("it mostly repeats the question");
            }
        }
        long letters = text.raw.codePoints().filter(Character::isLetter).count();
        long nonAscii = text.raw.codePoints().filter(cp -> Character.isLetter(cp) && cp > 127).count();
        if (letters > 20 && ((double) nonAscii / letters > 0.3 || (text.words >= 12 && text.stopWords == 0))) {
            doubts.add("it does not look like English, the course's language");
        }
        return doubts;
    }
}
