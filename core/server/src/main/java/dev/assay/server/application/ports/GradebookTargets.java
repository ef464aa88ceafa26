package dev.assay.server.application.ports;

import java.util.List;

/** What an adapter tells the core about a gradebook column: the questions whose scores make it up. */
public interface GradebookTargets {
    void register(String target, List<String> questionIds);
}
