package dev.assay.engine.pack;

import java.util.List;

/** {@code pack.yaml}: what the pack is and how its questions are grouped into assignments. */
public record PackManifest(String id, String title, String version, String description, List<AssignmentDef> assignments) {
    public PackManifest {
        description = description == null ? "" : description;
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
    }
}
