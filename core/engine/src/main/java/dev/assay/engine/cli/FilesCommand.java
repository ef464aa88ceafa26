package dev.assay.engine.cli;

import dev.assay.api.Attachment;
import dev.assay.api.HandoutInfo;
import dev.assay.engine.Engines;
import dev.assay.engine.grading.PluginResult;
import dev.assay.engine.grading.ReadyQuestion;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.LoadedPack;
import dev.assay.engine.pack.QuestionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the files a question hands out (a data set, say) into a folder, as students download them. */
@Command(name = "files", description = "Write the files a question hands out into a folder.")
final class FilesCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--pack", required = true, description = "The course pack (folder or zip)")
    Path pack;

    @Option(names = "--question", required = true, description = "Question id, e.g. hw7/8b-orthonormal")
    String question;

    @Option(names = "--out", required = true, description = "Folder to write into (created if missing)")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (Engines engines = main.engines()) {
            LoadedPack loaded = Main.loadPack(engines, pack);
            CatalogQuestion q = loaded.question(question).orElseThrow(() -> new Main.UserError("the pack has no question '"
                    + question + "'"));
            if (q.state() != QuestionState.READY) {
                throw new Main.UserError(question + " is not ready: " + String.join("; ", q.problemLines()));
            }
            ReadyQuestion ready = q.ready();
            List<HandoutInfo> handouts = orFail(engines.files().handouts(ready));
            if (handouts.isEmpty()) {
                System.out.println(question + " hands out no files.");
                return 0;
            }
            Files.createDirectories(out);
            for (HandoutInfo h : handouts) {
                Optional<Attachment> file = orFail(engines.files().handout(ready, h.name()));
                Attachment a = file.orElseThrow(() -> new Main.PluginError("the plugin lists " + h.name()
                        + " but does not produce it"));
                Path target = out.resolve(a.name().replaceAll("[^A-Za-z0-9._-]", "_"));
                Files.write(target, a.content());
                System.out.printf("%s  %,d bytes  %s%n", target, a.size(), h.description());
            }
            return 0;
        }
    }

    private static <T> T orFail(PluginResult<T> result) {
        if (!result.ok()) {
            throw new Main.PluginError(result.message());
        }
        return result.value();
    }
}
