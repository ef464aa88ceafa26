package dev.assay.server.application.catalog;

import dev.assay.engine.pack.PackException;
import dev.assay.engine.pack.PackReader;
import dev.assay.server.application.AssayException;
import dev.assay.server.domain.repository.PackRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The packs folder ({@code assay.packs.dir}) at start-up: every pack in it whose content changed since it was last
 * imported from there is imported, then every stored pack is loaded into the catalog. A pack that fails is logged and
 * skipped; the others load.
 */
@ApplicationScoped
public class PacksFolder {
    private static final Logger LOG = Logger.getLogger(PacksFolder.class.getName());
    /** Who imports from the packs folder. */
    public static final String SYSTEM = "system";

    @Inject
    PackImport imports;

    @Inject
    CatalogLoader loader;

    @Inject
    PackConflicts conflicts;

    @Inject
    PackRepository packs;

    @Inject
    @ConfigProperty(name = "assay.packs.dir", defaultValue = "")
    String packsDir;

    public void importAndLoad() {
        if (!packsDir.isBlank() && Files.isDirectory(Path.of(packsDir))) {
            for (Path dir : packsIn(Path.of(packsDir))) {
                try {
                    PackImport.ImportResult r = imports.importPack(PackReader.read(dir), PackImport.FOLDER, SYSTEM);
                    LOG.info(() -> "Pack " + r.packId() + " from " + dir + (r.unchanged()
                            ? ": unchanged since it was last imported from the packs folder"
                            : ": imported, new configuration versions for " + r.newVersions()));
                } catch (PackException | AssayException e) {
                    LOG.severe(() -> "Pack in " + dir + " not imported: " + e.getMessage());
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "Pack in " + dir + " not imported", e);
                }
            }
        } else if (!packsDir.isBlank()) {
            LOG.warning(() -> "assay.packs.dir " + packsDir + " is not a folder; no packs imported from it");
        }
        for (String id : storedPackIds()) {
            try {
                loader.reload(id);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Pack " + id + " could not be loaded", e);
            }
        }
        for (PackConflicts.Conflict c : conflicts.open(null)) {
            LOG.warning(() -> "Pack " + c.pack() + " conflict, " + c.describe() + ". To take the folder's version: "
                    + (c.field().equals(PackMerge.CONFIG) ? "PUT /api/questions/" + c.question() + "/config, or " : "")
                    + "upload the pack (POST /api/packs).");
        }
    }

    private List<String> storedPackIds() {
        return packs.ids();
    }

    private static List<Path> packsIn(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".zip")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the packs folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
