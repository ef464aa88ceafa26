package dev.assay.server.application.api;

import dev.assay.api.AnswerFile;
import dev.assay.api.HandoutInfo;
import java.util.List;

/**
 * A question as students and instructors see it, with its current configuration version.
 *
 * @param state       READY, or why it cannot grade (its plugin is not installed, its configuration does not fit)
 * @param problems    what is wrong when it is not ready
 * @param handouts    the files it hands out
 * @param answerFiles the files an answer may carry
 */
public record Question(String id, String pack, String title, String prompt, double points, String plugin, String state,
                       List<String> problems, int configVersion, List<HandoutInfo> handouts, List<AnswerFile> answerFiles) {
}
