package dev.assay.plugins.autoencoder;

import dev.assay.api.QuestionResources;
import java.util.concurrent.ConcurrentHashMap;
import org.ejml.data.DMatrixRMaj;

/**
 * The reference of each question, computed on its first grade and kept: it is a pure function of the data set, λ and
 * k, so changing tolerances, weights or the budget does not retrain it. Training runs on the device, within the
 * question's budget.
 */
final class References {
    /** Enough for every autoencoder question of a term; further ones are computed on each grade. */
    private static final int KEPT = 16;

    private final ConcurrentHashMap<Key, Reference> kept = new ConcurrentHashMap<>();
    private final TrainingDevice device;
    private final DataSets dataSets;

    private record Key(AeConfig.Data data, double lambda, int k) {
        static Key of(AeConfig c) {
            return new Key(c.data(), c.lambda(), c.k());
        }
    }

    References(TrainingDevice device, DataSets dataSets) {
        this.device = device;
        this.dataSets = dataSets;
    }

    Reference of(AeConfig c, QuestionResources resources)
            throws WeightsException, InterruptedException, TrainingDevice.BudgetExceeded, TrainingDevice.Busy {
        Key key = Key.of(c);
        Reference ref = kept.get(key);
        if (ref != null) {
            return ref;
        }
        DMatrixRMaj x = dataSets.of(c.data(), resources).x();
        return device.run(c.trainingBudget(), deadline -> {
            Reference again = kept.get(key); // trained by the job ahead of this one
            if (again != null) {
                return again;
            }
            long seed = c.data().generate() == null ? 1 : c.data().generate().seed();
            Reference made = Reference.of(new ClosedForm(x, c.lambda(), c.k()),
                    Dl4jReference.train(x, c.lambda(), c.k(), seed, deadline));
            if (kept.size() < KEPT) {
                kept.put(key, made);
            }
            return made;
        });
    }
}
