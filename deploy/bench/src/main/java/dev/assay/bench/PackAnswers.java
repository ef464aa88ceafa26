package dev.assay.bench;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.GraderPlugin;
import dev.assay.api.GradingContext;
import dev.assay.api.GradingRequest;
import dev.assay.api.Limits;
import dev.assay.api.QuestionResources;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.ConfigBinder;
import dev.assay.engine.pack.LoadedPack;
import dev.assay.engine.pack.MediaTypes;
import dev.assay.engine.pack.PackLoader;
import dev.assay.engine.pack.PackReader;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.engine.plugin.PluginRegistry;
import jakarta.validation.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The question tests of a pack's questions for one plugin, as grading requests for a benchmark. */
final class PackAnswers {
    private PackAnswers() {
    }

    @SuppressWarnings("unchecked")
    static <C extends Record> List<GradingRequest<C>> of(GraderPlugin<C> plugin) throws Exception {
        Path pack = Path.of(System.getProperty("assay.pack", "deploy/packs/hw7"));
        LoadedPack loaded = new PackLoader(PluginRegistry.of(plugin),
                new ConfigBinder(Validation.buildDefaultValidatorFactory().getValidator())).load(PackReader.read(pack));
        List<GradingRequest<C>> out = new ArrayList<>();
        long seed = 1;
        for (CatalogQuestion q : loaded.ordered()) {
            if (q.ready() == null || !q.def().plugin().equals(plugin.id())) {
                continue;
            }
            for (QuestionTest t : q.def().tests()) {
                List<Attachment> files = new ArrayList<>();
                for (var f : t.files().entrySet()) {
                    files.add(new Attachment(f.getKey(), MediaTypes.guess(f.getValue()), loaded.pack().file(f.getValue()).orElseThrow()));
                }
                out.add(new GradingRequest<>(q.def().id(), (C) q.ready().config(), q.def().expectedApproach(),
                        new Answer(t.answer(), files), new GradingContext(seed++, Limits.DEFAULT, Locale.ENGLISH, q.ready().resources())));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no " + plugin.id() + " answers in " + pack);
        }
        return out;
    }
}
