package dev.assay.server.application.catalog;

import dev.assay.server.domain.repository.PackRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this node's {@link QuestionCatalog} in step with changes other nodes make. Every change of a pack (an import,
 * a configuration saved) adds one to its catalog version in the database, in the change's own transaction; a node polls
 * these numbers ({@link #refreshChanged}) and reloads each pack whose number moved past the one it loaded. Work that must
 * not grade with a lagging catalog (a regrade's items) checks the configurations it needs first ({@link #ensureCurrent}).
 */
@ApplicationScoped
public class CatalogRefresh {
    private static final Logger LOG = Logger.getLogger(CatalogRefresh.class.getName());

    @Inject
    PackRepository packs;

    @Inject
    QuestionCatalog catalog;

    @Inject
    CatalogLoader loader;

    /** Reloads the packs changed (or added) by another node since this one loaded them; their ids. */
    public List<String> refreshChanged() {
        List<String> reloaded = new ArrayList<>();
        for (Map.Entry<String, Long> v : packs.catalogVersions().entrySet()) {
            if (v.getValue() > catalog.loadedVersion(v.getKey())) {
                reload(v.getKey(), v.getValue());
                reloaded.add(v.getKey());
            }
        }
        return reloaded;
    }

    /**
     * Makes this node's catalog grade each question with the configuration given (the one in force in the database),
     * reloading the packs whose entries differ.
     */
    public void ensureCurrent(Map<String, Long> configByQuestion) {
        Set<String> stale = new LinkedHashSet<>();
        configByQuestion.forEach((q, config) -> {
            if (catalog.question(q).map(e -> e.configId() != config).orElse(true)) {
                stale.add(QuestionIds.packOf(q));
            }
        });
        for (String pack : stale) {
            LOG.info(() -> "Pack " + pack + " changed on another node: reloading it before regrading its answers");
            loader.reload(pack);
        }
    }

    private void reload(String packId, long version) {
        try {
            loader.reload(packId);
            LOG.info(() -> "Pack " + packId + " changed on another node: reloaded (catalog version " + version + ")");
        } catch (RuntimeException e) {
            // Not tried again until it changes again: the log would fill with the same failure every poll.
            catalog.loaded(packId, version);
            LOG.log(Level.SEVERE, "Pack " + packId + " changed on another node and could not be reloaded", e);
        }
    }
}
