package dev.assay.server.application.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.api.Grade;
import dev.assay.server.application.gradebook.AssignmentScore;
import dev.assay.server.domain.repository.SubmissionRepository.LatestInForce;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An assignment's grades as CSV: one row per student, RFC 4180 quoting, no formulas. */
class GradesCsvTest {
    private static final List<AssignmentScore.Question> QUESTIONS = List.of(
            new AssignmentScore.Question("p/q1", "Q1", 4), new AssignmentScore.Question("p/q2", "Sum, then \"product\"", 6));

    private static LatestInForce latest(String user, String question, double score, String notesJson) {
        return new LatestInForce(1, user, question, 1, score, Grade.Status.GRADED, notesJson, null, false);
    }

    @Test
    void oneRowPerStudentWithPointsTotalAndNotes() {
        String csv = GradesCsv.of(QUESTIONS, List.of(
                latest("ann", "p/q1", 1, "[\"EXACT\"]"), latest("ann", "p/q2", 0.5, "[\"SIGN\",\"ROUNDED\"]"),
                latest("bob", "p/q2", 0, "[]")));

        assertThat(csv.split("\r\n", -1)).containsExactly(
                "user,Q1 (4),\"Sum, then \"\"product\"\" (6)\",total (10),Q1 notes,\"Sum, then \"\"product\"\" notes\"",
                "ann,4,3,7,EXACT,SIGN;ROUNDED",
                "bob,,0,0,,",
                "");
    }

    @Test
    void cellsThatASpreadsheetWouldReadAsFormulasArePrefixed() {
        assertThat(GradesCsv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(GradesCsv.cell("+1")).isEqualTo("'+1");
        assertThat(GradesCsv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(GradesCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(GradesCsv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(GradesCsv.cell("a=b")).isEqualTo("a=b");
        assertThat(GradesCsv.cell("")).isEqualTo("");
    }

    @Test
    void quotesCommasQuotesAndLineBreaks() {
        assertThat(GradesCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(GradesCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(GradesCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(GradesCsv.cell("Zoë")).isEqualTo("Zoë");
    }

    @Test
    void aUserNameThatIsAFormulaIsDefusedInItsRowAndUnreadableNotesAreSaid() {
        String csv = GradesCsv.of(QUESTIONS, List.of(latest("=cmd|' /C calc'!A0", "p/q1", Double.NaN, "not json")));

        assertThat(csv.split("\r\n")[1]).isEqualTo("'=cmd|' /C calc'!A0,0,,0,UNREADABLE_GRADE,");
    }
}
