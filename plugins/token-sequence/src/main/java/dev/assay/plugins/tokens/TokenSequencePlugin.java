package dev.assay.plugins.tokens;

import dev.assay.api.ConfigProblem;
import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingRequest;
import dev.assay.api.Validation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Token sequences, sets and single choices, with aliases, alignment-based partial credit and misconceptions named. */
public final class TokenSequencePlugin implements GraderPlugin<TokenConfig> {

    @Override
    public String id() {
        return "token-sequence";
    }


    @Override
    public Class<TokenConfig> configType() {
        return TokenConfig.class;
    }

    @Override
    public List<ConfigProblem> checkConfig(TokenConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.mode() == TokenConfig.Mode.choice && config.expected().size() != 1) {
            problems.add(new ConfigProblem("expected", "a choice has exactly one right answer"));
        }
        if (!config.scoring().equals("right-minus-wrong") && !config.scoring().equals("proportional")) {
            problems.add(new ConfigProblem("scoring", "use right-minus-wrong or proportional"));
        }
        Reader reader = new Reader(config);
        for (int i = 0; i < config.alternatives().size(); i++) {
            if (reader.read(String.join(" ", config.alternatives().get(i).sequence())).equals(config.expected())) {
                problems.add(new ConfigProblem("alternatives[" + i + "].sequence", "is the expected answer itself"));
            }
        }
        return problems;
    }

    private static String shown(List<String> tokens) {
        return tokens.stream().map(Alignment::code).collect(Collectors.joining(" "));
    }

    @Override
    public Validation validate(GradingRequest<TokenConfig> request) {
        List<String> tokens = new Reader(request.config()).read(request.answer().text());
        if (tokens.isEmpty()) {
            return Validation.invalid("EMPTY", "Type your answer: the tokens, separated by spaces or commas.", Echo.NONE);
        }
        return Validation.valid(Echo.text("Read as " + tokens.size() + " token" + (tokens.size() == 1 ? "" : "s") + ": " + shown(tokens)));
    }

    @Override
    public Grade grade(GradingRequest<TokenConfig> request) {
        TokenConfig c = request.config();
        Reader reader = new Reader(c);
        List<String> given = reader.read(request.answer().text());
        Echo echo = Echo.text(shown(given));
        if (given.isEmpty()) {
            return Grade.invalid("EMPTY", "Your answer has no tokens in it. Type the tokens, separated by spaces or commas.", echo);
        }
        Grade.Builder g = switch (c.mode()) {
            case sequence -> sequence(c, given);
            case set -> set(c, reader, given);
            case choice -> choice(c, reader, given);
        };
        g.echo(echo);
        if (!request.expectedApproach().isBlank()) {
            g.feedback(FeedbackBlock.expectedApproach(request.expectedApproach()));
        }
        return g.build();
    }

    private static Grade.Builder sequence(TokenConfig c, List<String> given) {
        List<String> expected = c.expected();
        if (given.equals(expected)) {
            return Grade.builder(Grade.Status.GRADED).score(1).note("EXACT")
                    .feedback(FeedbackBlock.diagnosis("Correct: " + shown(expected) + "."));
        }
        for (TokenConfig.Alternative a : c.alternatives()) {
            if (given.equals(a.sequence())) {
                return Grade.builder(Grade.Status.GRADED).score(a.score() == null ? 0 : a.score()).note(a.note())
                        .feedback(FeedbackBlock.diagnosis("You wrote " + shown(given) + ". "
                                + (a.feedback() == null ? "" : a.feedback())));
            }
        }
        Alignment al = Alignment.of(expected, given);
        int n = expected.size();
        boolean shiftedLeft = given.size() == n && given.subList(0, n - 1).equals(expected.subList(1, n));
        boolean shiftedRight = given.size() == n && given.subList(1, n).equals(expected.subList(0, n - 1));
        double score = c.partialCredit() == TokenConfig.PartialCredit.proportional
                ? Math.max(0, 1 - (double) al.distance / n) : 0;
        Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(score);
        if (shiftedLeft || shiftedRight) {
            g.note("SHIFTED").feedback(FeedbackBlock.diagnosis("Your sequence is the expected one moved by one place"
                    + (shiftedLeft ? ": it starts at " + Alignment.code(expected.get(1)) + " and ends with "
                    + Alignment.code(given.get(n - 1)) + ", which are the targets the decoder should predict, not the inputs it is fed. "
                    + "The inputs start with " + Alignment.code(expected.get(0)) + "."
                    : ": every token sits one step too late.")));
        }
        if (!shiftedLeft && !shiftedRight) {
            long off = al.steps.stream().filter(st -> st.op() != Alignment.Op.MATCH).count();
            g.feedback(FeedbackBlock.diagnosis("Not quite: your sequence differs from the expected one in " + off
                    + (off == 1 ? " place" : " places") + " (marked ✗ below)."
                    + (score > 0 ? " Partial credit: " + Math.round(score * 100) + " %." : "")));
        }
        if (al.has(Alignment.Op.WRONG)) {
            g.note("WRONG_TOKEN");
        }
        if (al.has(Alignment.Op.MISSING)) {
            g.note("MISSING_TOKEN");
        }
        if (al.has(Alignment.Op.EXTRA)) {
            g.note("EXTRA_TOKEN");
        }
        return g.feedback(new FeedbackBlock(FeedbackBlock.Kind.EVIDENCE, "Your tokens against the expected ones",
                al.table(), null));
    }

    private static Grade.Builder set(TokenConfig c, Reader reader, List<String> given) {
        Set<String> expected = new LinkedHashSet<>(c.expected());
        Set<String> picks = new LinkedHashSet<>(given);
        List<String> right = picks.stream().filter(expected::contains).toList();
        List<String> wrong = picks.stream().filter(p -> !expected.contains(p)).toList();
        List<String> missed = expected.stream().filter(e -> !picks.contains(e)).toList();
        double raw = "proportional".equals(c.scoring()) ? (double) right.size() / expected.size()
                : (double) (right.size() - wrong.size()) / expected.size();
        Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(Math.max(0, Math.min(1, raw)));
        if (wrong.isEmpty() && missed.isEmpty()) {
            return g.note("EXACT").feedback(FeedbackBlock.diagnosis("Correct: " + shown(right) + "."));
        }
        StringBuilder fb = new StringBuilder();
        if (!right.isEmpty()) {
            fb.append("Right: ").append(shown(right)).append(". ");
        }
        if (!wrong.isEmpty()) {
            g.note("EXTRA_TOKEN");
            List<String> unknown = wrong.stream().filter(w -> !reader.known(w)).toList();
            fb.append("Not needed: ").append(shown(wrong)).append(unknown.isEmpty() ? "" : " (" + shown(unknown)
                    + (unknown.size() == 1 ? " is" : " are") + " not one of the options)").append("; each wrong pick cancels a right one. ");
        }
        if (!missed.isEmpty()) {
            g.note("MISSING_TOKEN");
            fb.append(missed.size() == 1 ? "One more is needed." : missed.size() + " more are needed.");
        }
        return g.feedback(FeedbackBlock.diagnosis(fb.toString().trim()));
    }

    private static Grade.Builder choice(TokenConfig c, Reader reader, List<String> given) {
        String expected = c.expected().get(0);
        List<String> recognised = given.stream().filter(reader::known).distinct().toList();
        if (recognised.equals(List.of(expected))) {
            return Grade.builder(Grade.Status.GRADED).score(1).note("EXACT")
                    .feedback(FeedbackBlock.diagnosis("Correct: " + Alignment.code(expected) + "."));
        }
        Grade.Builder g = Grade.builder(Grade.Status.GRADED).score(0);
        if (recognised.contains(expected)) {
            return g.note("EXTRA_TOKEN").feedback(FeedbackBlock.diagnosis("Choose one answer: you gave " + shown(recognised) + "."));
        }
        return g.note("WRONG_TOKEN").feedback(FeedbackBlock.diagnosis("Your answer " + shown(recognised.isEmpty() ? given : recognised)
                + " is not the right one."));
    }
}
