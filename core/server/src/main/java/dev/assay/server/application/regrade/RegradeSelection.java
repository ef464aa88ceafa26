package dev.assay.server.application.regrade;

import dev.assay.api.Grade;
import dev.assay.server.domain.repository.SubmissionRepository.PluginGrade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which answers a regrade grades again: those whose latest plugin grade was not given with their question's current
 * configuration, or is an ERROR (a plugin that failed or timed out). Instructors' grades do not count here: a reviewed
 * answer is regraded once per configuration change (its review stays in force), not again and again.
 */
public final class RegradeSelection {
    private RegradeSelection() {
    }

    /**
     * @param latest         the latest plugin grade of each candidate submission, in submission id order
     * @param currentConfigs the current configuration id of each question the regrade covers
     * @return the ids of those to grade again, in order, at most {@code limit}
     */
    public static List<Long> select(List<PluginGrade> latest, Map<String, Long> currentConfigs, int limit) {
        List<Long> ids = new ArrayList<>();
        for (PluginGrade g : latest) {
            Long current = currentConfigs.get(g.questionId());
            if (current == null) {
                continue; // a question the regrade does not cover
            }
            if (current != g.configId() || g.status() == Grade.Status.ERROR) {
                ids.add(g.submissionId());
                if (ids.size() == limit) {
                    break;
                }
            }
        }
        return ids;
    }
}
