package dev.assay.server.application.analytics;

import dev.assay.server.application.gradebook.AssignmentScore;
import dev.assay.server.application.submissions.ReviewRule;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.repository.SubmissionRepository.LatestInForce;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An assignment's grades as CSV (RFC 4180), one row per student: each question's points (the grade in force of the
 * student's latest answer), the total as the gradebook counts it ({@link AssignmentScore}), and each question's answer
 * notes joined by ';'. Safe to open in a spreadsheet: a cell that would start a formula is prefixed with '. A pure
 * function of the questions and the grades in force.
 */
public final class GradesCsv {
    /** Line ends as RFC 4180 has them. */
    private static final String CRLF = "\r\n";

    private GradesCsv() {
    }

    /**
     * @param questions the assignment's questions, in order
     * @param latest    the grade in force of each user's latest answer to each question, by user
     */
    public static String of(List<AssignmentScore.Question> questions, List<LatestInForce> latest) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>();
        header.add("user");
        questions.forEach(q -> header.add(q.title() + " (" + ReviewRule.pointsText(q.points()) + ")"));
        header.add("total (" + ReviewRule.pointsText(questions.stream().mapToDouble(AssignmentScore.Question::points).sum()) + ")");
        questions.forEach(q -> header.add(q.title() + " notes"));
        row(csv, header);
        Map<String, Map<String, LatestInForce>> byUser = new LinkedHashMap<>();
        latest.forEach(l -> byUser.computeIfAbsent(l.platformUserId(), u -> new HashMap<>()).put(l.questionId(), l));
        for (Map.Entry<String, Map<String, LatestInForce>> user : byUser.entrySet()) {
            List<String> cells = new ArrayList<>();
            cells.add(user.getKey());
            Map<String, AssignmentScore.InForce> inForce = new HashMap<>();
            for (AssignmentScore.Question q : questions) {
                LatestInForce l = user.getValue().get(q.id());
                if (l == null) {
                    cells.add("");
                    continue;
                }
                inForce.put(q.id(), new AssignmentScore.InForce(l.score(), l.status(), l.reviewComment()));
                cells.add(ReviewRule.pointsText(GradeEntity.isReadableScore(l.score())
                        ? Math.round(l.score() * q.points() * 1e6) / 1e6 : 0));
            }
            cells.add(ReviewRule.pointsText(AssignmentScore.of(questions, inForce).given()));
            for (AssignmentScore.Question q : questions) {
                LatestInForce l = user.getValue().get(q.id());
                cells.add(l == null ? "" : String.join(";", QuestionAnalysis.notes(l.notesJson())));
            }
            row(csv, cells);
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append(CRLF);
    }

    /**
     * One cell: a text a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a carriage return) is
     * prefixed with ', and a cell holding a comma, a quote or a line break is quoted, its quotes doubled.
     */
    static String cell(String text) {
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
