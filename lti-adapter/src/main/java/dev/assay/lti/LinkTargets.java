package dev.assay.lti;

import dev.assay.server.application.api.Assignment;
import dev.assay.server.application.ports.GradebookTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Each LTI link as a gradebook target of the core ("lti:ID"), registered with the questions its score counts. */
@ApplicationScoped
public class LinkTargets {
    @Inject
    GradebookTargets gradebook;

    /** Links whose gradebook target the core already knows with these questions: no write per launch. */
    private final ConcurrentHashMap<Long, String> registered = new ConcurrentHashMap<>();

    static String target(long linkId) {
        return "lti:" + linkId;
    }

    /** Tells the core which questions the link's score counts, unless it was told so already. */
    void register(long linkId, Assignment a) {
        List<String> ids = a.questions();
        String key = String.join(",", ids);
        if (!key.equals(registered.get(linkId))) {
            Db.onceMore(() -> {
                gradebook.register(target(linkId), ids);
                return null;
            });
            registered.put(linkId, key);
        }
    }
}
