package dev.assay.server.application.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.assay.api.Echo;
import dev.assay.engine.json.Json;
import dev.assay.server.application.api.QuestionAnalytics;
import dev.assay.server.application.submissions.StoredGrades;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.repository.SubmissionRepository.Answered;
import dev.assay.server.domain.repository.SubmissionRepository.GradesAlike;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A question's analytics from its grades in force counted alike (one aggregate query's rows): the score histogram, the
 * answer notes, the answer groups. A pure function of those rows.
 */
public final class QuestionAnalysis {
    /** The number of equal bins between the exact scores 0 and full. */
    public static final int BINS = 10;

    /** The echo of an answer the plugin echoed nothing for, as a grade stores it. */
    public static final String EMPTY_ECHO = Json.write(Echo.NONE);

    /** The most characters of an example answer. */
    public static final int EXAMPLE_CHARS = 1000;

    private static final double EPSILON = 1e-9;

    private QuestionAnalysis() {
    }

    /** The submissions whose examples are wanted: the first of each of the {@code limit} largest groups. */
    public static List<Long> exampleSubmissions(Collection<GradesAlike> rows, int limit) {
        return groups(rows).stream().limit(limit).map(g -> g.first).toList();
    }

    /**
     * @param points   what the question is worth
     * @param rows     its grades in force, counted alike
     * @param limit    the most answer groups to give (the largest)
     * @param examples the answer texts of {@link #exampleSubmissions}' submissions
     */
    public static QuestionAnalytics of(String questionId, double points, Answered answered, Collection<GradesAlike> rows,
                                       int limit, Function<Long, String> examples) {
        long[] bins = new long[BINS + 2]; // [0]: exactly 0; [1..BINS]: the equal parts; [BINS + 1]: full
        Map<String, Long> notes = new HashMap<>();
        for (GradesAlike r : rows) {
            bins[bin(score(r))] += r.count();
            notesOf(r).forEach(n -> notes.merge(n, r.count(), Long::sum));
        }
        List<QuestionAnalytics.Bin> between = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            between.add(new QuestionAnalytics.Bin(round(points * i / BINS), round(points * (i + 1) / BINS), bins[i + 1]));
        }
        List<Group> groups = groups(rows);
        List<QuestionAnalytics.AnswerGroup> shown = groups.stream().limit(limit).map(g -> g.view(points, examples)).toList();
        return new QuestionAnalytics(questionId, points, answered.submissions(), answered.students(),
                new QuestionAnalytics.ScoreHistogram(bins[0], between, bins[BINS + 1]), mostFrequentFirst(notes), shown,
                groups.size());
    }

    /** Which bin a score (a fraction of the points) falls in: 0 exactly, one of the equal parts, or full. */
    static int bin(double score) {
        if (score <= EPSILON) {
            return 0;
        }
        if (score >= 1 - EPSILON) {
            return BINS + 1;
        }
        return 1 + Math.min(BINS - 1, (int) Math.floor(score * BINS + EPSILON));
    }

    /** The stored score as it counts: one that cannot be read (NaN stored long ago) counts 0, as in the assignment score. */
    private static double score(GradesAlike r) {
        return GradeEntity.isReadableScore(r.score()) ? r.score() : 0;
    }

    private static List<String> notesOf(GradesAlike r) {
        return notes(r.notesJson());
    }

    /** A grade's answer notes as stored; notes that cannot be read are {@value StoredGrades#UNREADABLE}. */
    public static List<String> notes(String notesJson) {
        try {
            List<String> notes = Json.json().readValue(notesJson, new TypeReference<List<String>>() { });
            return notes == null ? List.of(StoredGrades.UNREADABLE) : notes;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return List.of(StoredGrades.UNREADABLE);
        }
    }

    private static Echo echoOf(String echoJson) {
        try {
            Echo e = Json.json().readValue(echoJson, Echo.class);
            return e == null ? Echo.NONE : e;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            return Echo.NONE;
        }
    }

    /** One answer group as it is being counted. */
    private static final class Group {
        final String echoJson;
        final String answerText;
        long count;
        double pointsSum;
        long first = Long.MAX_VALUE;
        final List<GradesAlike> rows = new ArrayList<>();

        Group(String echoJson, String answerText) {
            this.echoJson = echoJson;
            this.answerText = answerText;
        }

        void add(GradesAlike r) {
            rows.add(r);
            count += r.count();
            pointsSum += score(r) * r.count();
            first = Math.min(first, r.firstSubmission());
        }

        QuestionAnalytics.AnswerGroup view(double points, Function<Long, String> examples) {
            Map<String, Long> notes = new HashMap<>();
            rows.forEach(r -> notesOf(r).forEach(n -> notes.merge(n, r.count(), Long::sum)));
            boolean uniform = rows.stream().map(r -> List.of(score(r), notesOf(r))).distinct().count() == 1;
            return new QuestionAnalytics.AnswerGroup(echoOf(echoJson), answerText != null, count,
                    round(points * pointsSum / count), uniform, mostFrequentFirst(notes), examples.apply(first));
        }
    }

    /** The answer groups, largest first (then the earliest answered first). */
    private static List<Group> groups(Collection<GradesAlike> rows) {
        Map<List<String>, Group> byAnswer = new HashMap<>();
        for (GradesAlike r : rows) {
            List<String> key = java.util.Arrays.asList(r.echoJson(), r.answerText());
            byAnswer.computeIfAbsent(key, k -> new Group(r.echoJson(), r.answerText())).add(r);
        }
        return byAnswer.values().stream()
                .sorted(Comparator.comparingLong((Group g) -> g.count).reversed().thenComparingLong(g -> g.first)).toList();
    }

    private static Map<String, Long> mostFrequentFirst(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static double round(double points) {
        return Math.round(points * 1e6) / 1e6;
    }

}
