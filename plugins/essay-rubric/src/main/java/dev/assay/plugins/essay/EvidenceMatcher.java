package dev.assay.plugins.essay;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds evidence in an answer and returns the spans that earned it, so the student sees what counted. */
final class EvidenceMatcher {
    /** A quoted span of the answer. */
    record Span(int start, int end) {
    }

    /** Extra positions a phrase's words may spread over ("data is loaded" for "data loading"). */
    static final int PROXIMITY_SLACK = 3;

    private final Text text;
    private final List<Quantities.Quantity> quantities;

    EvidenceMatcher(Text text) {
        this.text = text;
        this.quantities = Quantities.in(text.raw);
    }

    /** The spans that satisfy the evidence, or empty when it is not there. */
    Optional<List<Span>> find(EssayConfig.Evidence e) {
        List<Span> spans = new ArrayList<>();
        boolean any = false;
        if (e.concepts() != null && !e.concepts().isEmpty()) {
            int matched = 0;
            for (List<String> group : e.concepts()) {
                Optional<Span> s = concept(group);
                if (s.isPresent()) {
                    matched++;
                    spans.add(s.get());
                }
            }
            if (matched < (e.minMatches() == null ? 1 : e.minMatches())) {
                return Optional.empty();
            }
            any = true;
        }
        if (e.number() != null) {
            Optional<Span> s = number(e.number());
            if (s.isEmpty()) {
                return Optional.empty();
            }
            spans.add(s.get());
            any = true;
        }
        if (e.pattern() != null) {
            Matcher m = Pattern.compile(e.pattern(), Pattern.CASE_INSENSITIVE).matcher(text.raw);
            if (!m.find()) {
                return Optional.empty();
            }
            spans.add(new Span(m.start(), m.end()));
            any = true;
        }
        if (e.meaning() != null && !e.meaning().isEmpty()) {
            Optional<Span> s = meaning(e.meaning(), e.minSimilarity() == null ? EssayConfig.Evidence.MEANING_DEFAULT
                    : e.minSimilarity());
            if (s.isEmpty()) {
                return Optional.empty();
            }
            spans.add(s.get());
            any = true;
        }
        if (e.allOf() != null && !e.allOf().isEmpty()) {
            for (EssayConfig.Evidence sub : e.allOf()) {
                Optional<List<Span>> s = find(sub);
                if (s.isEmpty()) {
                    return Optional.empty();
                }
                spans.addAll(s.get());
            }
            any = true;
        }
        if (e.anyOf() != null && !e.anyOf().isEmpty()) {
            boolean found = false;
            // words first: alternatives met by meaning (the sentence model) are tried only when no other one is met
            for (EssayConfig.Evidence sub : e.anyOf()) {
                if (readsMeaning(sub)) {
                    continue;
                }
                Optional<List<Span>> s = find(sub);
                if (s.isPresent()) {
                    spans.addAll(s.get());
                    found = true;
                }
            }
            for (EssayConfig.Evidence sub : e.anyOf()) {
                if (found || !readsMeaning(sub)) {
                    continue;
                }
                Optional<List<Span>> s = find(sub);
                if (s.isPresent()) {
                    spans.addAll(s.get());
                    found = true;
                }
            }
            if (!found) {
                return Optional.empty();
            }
            any = true;
        }
        return any ? Optional.of(spans) : Optional.empty();
    }

    static boolean readsMeaning(EssayConfig.Evidence e) {
        if (e.meaning() != null && !e.meaning().isEmpty()) {
            return true;
        }
        return e.anyOf() != null && e.anyOf().stream().anyMatch(EvidenceMatcher::readsMeaning)
                || e.allOf() != null && e.allOf().stream().anyMatch(EvidenceMatcher::readsMeaning);
    }

    /** The first phrasing of the concept whose stems appear in order within a window. */
    Optional<Span> concept(List<String> phrasings) {
        for (String phrasing : phrasings) {
            List<String> stems = Text.stems(phrasing);
            if (stems.isEmpty()) {
                continue;
            }
            Optional<Span> s = phrase(stems);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** Sentences and clauses (split at , ; : and so / because / but / which), with where they stand. */
    private static final Pattern CLAUSE = Pattern.compile("[^.!?;:,\\n]+(?:[.!?;:,\\n]|$)");
    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+(?:[.!?\\n]|$)");
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(not|no|never|none|nothing|neither|nor|cannot|without)\\b|n't\\b", Pattern.CASE_INSENSITIVE);
    private List<Span> segments;
    /** Whether evidence met by meaning could not be checked because the sentence model failed to load or run. */
    boolean modelUnavailable;

    private List<Span> segments() {
        if (segments == null) {
            List<Span> out = new ArrayList<>();
            for (Pattern p : List.of(SENTENCE, CLAUSE)) {
                Matcher m = p.matcher(text.raw);
                while (m.find()) {
                    int s = m.start();
                    int e = m.end();
                    while (s < e && Character.isWhitespace(text.raw.charAt(s))) {
                        s++;
                    }
                    Span span = new Span(s, e);
                    if (text.raw.substring(s, e).split("\\s+").length >= 3 && !out.contains(span)) {
                        out.add(span);
                    }
                }
            }
            segments = out;
        }
        return segments;
    }

    /**
     * The sentence or clause of the answer closest in meaning ({@link #closeness}) to one of the statements, if it comes
     * within {@code min} and negates only where the statement does.
     */
    Optional<Span> meaning(List<String> statements, double min) {
        List<Span> segs = segments();
        if (segs.isEmpty()) {
            return Optional.empty();
        }
        List<String> texts = segs.stream().map(s -> text.raw.substring(s.start(), s.end())).toList();
        List<Embedder.Vectors> answer;
        List<Embedder.Vectors> wanted;
        try {
            Embedder e = Embedder.get();
            answer = e.embedAll(texts);
            wanted = e.embedAll(statements);
        } catch (RuntimeException | LinkageError unavailable) {
            // no sentence model on this machine (a platform without its natives, say): the words still count, and
            // the answer goes to review rather than losing credit silently
            modelUnavailable = true;
            return Optional.empty();
        }
        Span best = null;
        double bestCos = min;
        for (int i = 0; i < segs.size(); i++) {
            boolean negated = NEGATION.matcher(texts.get(i)).find();
            for (int j = 0; j < statements.size(); j++) {
                double c = closeness(wanted.get(j), answer.get(i));
                if (c >= bestCos && negated == NEGATION.matcher(statements.get(j)).find()) {
                    bestCos = c;
                    best = segs.get(i);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * How close a passage comes to a statement in meaning: the mean of their sentence vectors' cosine and of how well
     * the statement's words find a match in the passage's (word pieces in context, BERTScore's recall); the second
     * keeps a passage on the same topic from passing for one that says the same thing.
     */
    static double closeness(Embedder.Vectors statement, Embedder.Vectors passage) {
        return 0.5 * Embedder.cos(statement.sentence(), passage.sentence())
                + 0.5 * Features.align(statement.tokens(), statement.weights(), passage.tokens());
    }

    private Optional<Span> phrase(List<String> stems) {
        List<Text.Token> tokens = text.tokens;
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).stem().equals(stems.get(0))) {
                continue;
            }
            int window = tokens.get(i).position() + stems.size() + PROXIMITY_SLACK;
            int k = 1;
            int last = i;
            for (int j = i + 1; j < tokens.size() && k < stems.size() && tokens.get(j).position() < window; j++) {
                if (tokens.get(j).stem().equals(stems.get(k))) {
                    k++;
                    last = j;
                }
            }
            if (k == stems.size()) {
                return Optional.of(new Span(tokens.get(i).start(), tokens.get(last).end()));
            }
        }
        return Optional.empty();
    }

    private Optional<Span> number(EssayConfig.NumberSpec spec) {
        String unit = Quantities.baseUnit(spec.unit());
        double factor = unit.equals("s") ? switch (spec.unit().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "min", "minute", "minutes" -> 60;
            case "h", "hour", "hours" -> 3600;
            default -> 1;
        } : 1;
        for (Quantities.Quantity q : quantities) {
            if (!q.unit().equals(unit)) {
                continue;
            }
            if (spec.value() == null) {
                return Optional.of(new Span(q.start(), q.end()));
            }
            double tolerance = spec.tolerance() == null ? 0.5 : spec.tolerance();
            if (Math.abs(q.value() - spec.value() * factor) <= tolerance * factor) {
                return Optional.of(new Span(q.start(), q.end()));
            }
        }
        return Optional.empty();
    }
}
