package dev.assay.server.application.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A course pack as stored, with its assignments, what each source last gave, and its open conflicts.
 *
 * @param source    where it was last imported from: {@code folder} (the packs folder) or {@code upload}
 * @param questions how many questions it has
 */
public record Pack(String id, String title, String version, String description, String source, OffsetDateTime importedAt,
                   int questions, List<Assignment> assignments, List<Source> sources, List<Conflict> conflicts) {
    /** What a source of the pack (the packs folder, uploads) gave when it was last imported. */
    public record Source(String source, String sha256, OffsetDateTime importedAt) {
    }

    /**
     * A field of a question that the source changed while it was also changed in Assay: {@code inForce} is Assay's
     * value, which stays; {@code sourceValue} is the source's, to take over (PUT the configuration, or upload).
     */
    public record Conflict(long id, String question, String field, String source, JsonNode inForce, JsonNode sourceValue,
                           OffsetDateTime detectedAt) {
    }

    /** What an import did: new configuration versions ("q v2"), and the fields where Assay's stayed ("q field"). */
    public record Imported(String id, boolean unchanged, List<String> newVersions, List<String> conflicts) {
    }
}
