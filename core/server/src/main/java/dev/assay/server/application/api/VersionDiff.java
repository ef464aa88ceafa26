package dev.assay.server.application.api;

import dev.assay.server.application.catalog.ConfigDiff;
import java.util.List;

/** What changed from configuration version {@code from} to {@code to} of a question, field by field. */
public record VersionDiff(String question, int from, int to, List<ConfigDiff.Change> changes) {
}
