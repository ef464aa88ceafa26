package dev.assay.server.application.api;

import java.util.List;

/** An assignment: questions of a pack, in order, answered together. */
public record Assignment(long id, String pack, String key, String title, List<String> questions) {
    /** How an LMS link names it: pack/key. */
    public String name() {
        return pack + "/" + key;
    }
}
