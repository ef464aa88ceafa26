package dev.assay.engine.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.Calibration;
import dev.assay.engine.Engines;
import dev.assay.engine.grading.PluginResult;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.QuestionState;
import dev.assay.engine.plugin.LoadedPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fits a question to the scores people gave: the question's plugin names the variants of its configuration worth
 * trying ({@link Calibration}), the engine grades the scored answers with each, and the variant whose grades agree best
 * with the people's (quadratic weighted kappa) wins; the first of equals, in the plugin's order.
 */
public final class Calibrator {

    /**
     * What calibrating one question gave.
     *
     * @param outcome  whether there was anything to fit, and whether a variant was found
     * @param label    the winning variant's label, as its plugin wrote it ({@code thresholds: [0.30, 0.50]})
     * @param after    agreement with the people under the winning variant
     * @param message  why nothing was fitted, for people
     */
    public record Fit(Outcome outcome, String label, Agreement after, String message) {
    }

    public enum Outcome { FITTED, NOTHING_TO_FIT, NOT_OFFERED, FAILED }

    private final Engines engines;

    public Calibrator(Engines engines) {
        this.engines = engines;
    }

    /** @param scale the question's scale, for answers whose human score names none */
    public Fit calibrate(CatalogQuestion q, List<HumanScore> scored, int scale) {
        LoadedPlugin plugin = q.ready().plugin();
        Optional<Calibration<Record>> calibration = capability(plugin);
        if (calibration.isEmpty()) {
            return new Fit(Outcome.NOT_OFFERED, null, null, "the plugin " + plugin.id()
                    + " has nothing to calibrate (it does not offer Calibration)");
        }
        Record config = q.ready().config();
        PluginResult<List<Variant>> variants = engines.engine().calls().call(plugin, "name the variants of "
                + q.def().id() + " to calibrate", engines.engine().settings().limits().timeLimit(),
                () -> variants(calibration.get(), config));
        if (!variants.ok()) {
            return new Fit(Outcome.FAILED, null, null, variants.message());
        }
        if (variants.value().isEmpty()) {
            return new Fit(Outcome.NOTHING_TO_FIT, null, null, "nothing to calibrate in this configuration");
        }
        double bestQwk = Double.NEGATIVE_INFINITY;
        Fit best = null;
        for (Variant v : variants.value()) {
            CatalogQuestion tuned = engines.loader().prepare(q.def().withConfig(v.config(), q.def().expectedApproach()),
                    q.ready().resources());
            if (tuned.state() != QuestionState.READY) {
                continue;
            }
            Agreement a = Agreement.of(MachineScores.pairs(engines.engine(), tuned.ready(), scored, scale));
            if (a.qwk() > bestQwk) {
                bestQwk = a.qwk();
                best = new Fit(Outcome.FITTED, v.label(), a, "");
            }
        }
        return best != null ? best : new Fit(Outcome.FAILED, null, null, "no variant the plugin named was a valid configuration");
    }

    /** A variant as the engine keeps it: its configuration as a pack would write it, and its label. */
    private record Variant(ObjectNode config, String label) {
    }

    /** Runs inside the door: the plugin's records are read under its class loader. */
    private static List<Variant> variants(Calibration<Record> calibration, Record config) {
        List<Calibration.Candidate<Record>> candidates = calibration.candidates(config);
        if (candidates == null) {
            return null;
        }
        List<Variant> out = new ArrayList<>();
        for (Calibration.Candidate<Record> c : candidates) {
            out.add(new Variant(Json.json().valueToTree(c.config()), c.label()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Optional<Calibration<Record>> capability(LoadedPlugin p) {
        return engines.engine().calls().declared(p, "capability(Calibration)",
                () -> p.plugin().capability(Calibration.class).map(c -> (Calibration<Record>) c), Optional.empty());
    }
}
