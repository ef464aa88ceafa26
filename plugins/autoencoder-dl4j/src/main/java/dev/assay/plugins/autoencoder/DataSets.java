package dev.assay.plugins.autoencoder;

import dev.assay.api.QuestionResources;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The questions' data sets, each built once and kept, for downloads and references alike: building one takes
 * milliseconds at hw7's size and seconds at MNIST's (784×10,000), and a download used to build it every time.
 *
 * <p>A data set is kept under what it is a function of: a generated one under (m, n, seed, spectrum), one from a CSV
 * file under the file's path and a digest of its bytes, so a pack that changes the file under the same name gets the
 * new data. The matrices handed out are shared: callers read them and never write to them.
 */
final class DataSets {
    /** The most data sets kept; the least recently used goes first. At MNIST's size each is 63 MB. */
    static final int KEPT = 16;

    /** What a data set is a function of: the generator's parameters, or the CSV file's path and the digest of its bytes. */
    record Key(Integer m, Integer n, Long seed, List<Double> spectrum, String csvPath, String csvSha256) {
    }

    /** A data set and what it is a function of. */
    record Loaded(Key key, DMatrixRMaj x) {
    }

    private final Map<Key, DMatrixRMaj> kept = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, DMatrixRMaj> eldest) {
            return size() > KEPT;
        }
    };

    Loaded of(AeConfig.Data data, QuestionResources resources) throws WeightsException {
        AeConfig.Generate g = data.generate();
        if (g != null) {
            Key key = new Key(g.m(), g.n(), g.seed(), List.copyOf(g.spectrum()), null, null);
            DMatrixRMaj x = kept(key);
            return new Loaded(key, x != null ? x : keep(key, DataSet.generate(g)));
        }
        if (data.csv() != null) {
            byte[] bytes = resources.read(data.csv()).orElseThrow(() -> new WeightsException(
                    "the question's data file " + data.csv() + " is not in the pack"));
            Key key = new Key(null, null, null, null, data.csv(), sha256(bytes));
            DMatrixRMaj x = kept(key);
            return new Loaded(key, x != null ? x : keep(key, DataSet.fromCsv(data.csv(), bytes)));
        }
        throw new WeightsException("the question defines no data set");
    }

    private synchronized DMatrixRMaj kept(Key key) {
        return kept.get(key);
    }

    /** Keeps a data set built outside the lock; when two were built at once, the first kept wins. */
    private synchronized DMatrixRMaj keep(Key key, DMatrixRMaj x) {
        DMatrixRMaj first = kept.putIfAbsent(key, x);
        return first != null ? first : x;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
