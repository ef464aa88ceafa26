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
            for (EssayConfig.Evidence sub : e.anyOf()) {
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
