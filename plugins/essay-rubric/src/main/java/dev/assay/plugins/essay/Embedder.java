package dev.assay.plugins.essay;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence meaning, offline on the CPU: all-MiniLM-L6-v2 (quantised) run by ONNX Runtime. Loaded once per class
 * loader (so once per plugin) on first use and shared by every question; texts it has embedded are remembered (a
 * bounded cache), so a question's reference and graded examples are embedded once.
 */
final class Embedder {
    static final int DIM = 384;
    /** Tokens per text at most, [CLS] and [SEP] included: longer texts are cut (sentences rarely reach it). */
    static final int MAX_TOKENS = 128;
    /**
     * The cache holds at most this many word-piece vectors (1.5 KB each: about 48 MB), least recently used out first:
     * references and graded examples stay, answers come and go.
     */
    static final int CACHE_PIECES = 32_000;
    /** ONNX Runtime's threads per model run ({@code -Dassay.essay.threads}, default 2 at most). */
    static final int THREADS = Integer.getInteger("assay.essay.threads",
            Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    /** Whether ONNX Runtime's waiting threads spin ({@code -Dassay.essay.spin=true}; default off). */
    static final boolean SPIN = Boolean.getBoolean("assay.essay.spin");
    private int cachedPieces;
    private static volatile Embedder shared;
    /** How long loading took, in milliseconds (reported by the bench). */
    static volatile long loadMillis;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final WordPiece tokenizer;
    private final boolean typeIds;
    private final LinkedHashMap<String, Vectors> cache = new LinkedHashMap<>(1024, 0.75f, true);

    /** Under the cache's lock. */
    private void remember(String key, Vectors v) {
        Vectors old = cache.put(key, v);
        cachedPieces += v.tokens().length + 1 - (old == null ? 0 : old.tokens().length + 1);
        var it = cache.entrySet().iterator();
        while (cachedPieces > CACHE_PIECES && it.hasNext()) {
            Map.Entry<String, Vectors> eldest = it.next();
            if (eldest.getKey().equals(key)) {
                break;
            }
            cachedPieces -= eldest.getValue().tokens().length + 1;
            it.remove();
        }
    }

    /**
     * A text's meaning: its mean-pooled, unit-length sentence vector, and one unit vector per word piece (for
     * alignment), with the pieces' ids.
     */
    record Vectors(float[] sentence, float[][] tokens, int[] ids, float[] weights) {
    }

    private Embedder() throws OrtException, IOException {
        long t0 = System.nanoTime();
        ClassLoader cl = Embedder.class.getClassLoader();
        try (InputStream model = cl.getResourceAsStream("all-minilm-l6-v2-q.onnx");
             InputStream vocab = cl.getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
            if (model == null || vocab == null) {
                throw new IOException("the sentence model (all-minilm-l6-v2-q.onnx and its tokenizer) is missing from the "
                        + "plugin's folder");
            }
            tokenizer = WordPiece.fromTokenizerJson(vocab);
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(THREADS);
            options.setInterOpNumThreads(1);
            // threads waiting for work sleep rather than spin: on shared cores a spinning thread takes the time the
            // grading threads need (measured: p50 and p99 of a 150-word answer, scripts/bench essay)
            options.addConfigEntry("session.intra_op.allow_spinning", SPIN ? "1" : "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(model.readAllBytes(), options);
        }
        typeIds = session.getInputNames().contains("token_type_ids");
        loadMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * Starts loading the model on a thread of its own (once), so that a question that will need it, seen when its
     * configuration is checked, does not spend its first grade's time limit on the load.
     */
    static void warmUp() {
        if (shared == null && WARMING.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    get();
                } catch (RuntimeException | LinkageError e) {
                    WARMING.set(false); // the first grade that needs it reports the failure
                }
            }, "essay-rubric-model-load");
            t.setDaemon(true);
            t.start();
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();

    /** The plugin's one model, loaded on first use. */
    static Embedder get() {
        Embedder e = shared;
        if (e == null) {
            synchronized (Embedder.class) {
                e = shared;
                if (e == null) {
                    try {
                        e = new Embedder();
                    } catch (OrtException ex) {
                        throw new IllegalStateException("the sentence model could not be loaded: " + ex.getMessage(), ex);
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                    shared = e;
                }
            }
        }
        return e;
    }

    /**
     * A text of any length: one sentence is embedded whole; several are embedded in one batch, each whole, their word
     * pieces put end to end and their mean as the text's vector (no sentence is cut at {@link #MAX_TOKENS}).
     */
    Vectors embedText(List<String> sentences, String text) {
        if (sentences.size() <= 1) {
            return embed(text);
        }
        synchronized (cache) {
            Vectors v = cache.get("\u0000" + text);
            if (v != null) {
                return v;
            }
        }
        List<Vectors> parts = embedAll(sentences);
        float[] mean = new float[DIM];
        int n = 0;
        for (Vectors p : parts) {
            for (int d = 0; d < DIM; d++) {
                mean[d] += p.sentence()[d];
            }
            n += p.tokens().length;
        }
        float[][] tokens = new float[n][];
        int[] ids = new int[n];
        float[] weights = new float[n];
        int at = 0;
        for (Vectors p : parts) {
            System.arraycopy(p.tokens(), 0, tokens, at, p.tokens().length);
            System.arraycopy(p.ids(), 0, ids, at, p.tokens().length);
            System.arraycopy(p.weights(), 0, weights, at, p.tokens().length);
            at += p.tokens().length;
        }
        Vectors v = new Vectors(unit(mean), tokens, ids, weights);
        synchronized (cache) {
            remember("\u0000" + text, v);
        }
        return v;
    }

    Vectors embed(String text) {
        synchronized (cache) {
            Vectors v = cache.get(text);
            if (v != null) {
                return v;
            }
        }
        Vectors v = embedAll(List.of(text)).get(0);
        return v;
    }

    /** Embeds these texts in one batch (those not cached). */
    List<Vectors> embedAll(List<String> texts) {
        Vectors[] out = new Vectors[texts.size()];
        Map<String, Integer> todo = new LinkedHashMap<>();
        synchronized (cache) {
            for (int i = 0; i < texts.size(); i++) {
                Vectors v = cache.get(texts.get(i));
                if (v != null) {
                    out[i] = v;
                } else {
                    todo.putIfAbsent(texts.get(i), todo.size());
                }
            }
        }
        if (!todo.isEmpty()) {
            List<String> batch = List.copyOf(todo.keySet());
            Vectors[] made = new Vectors[batch.size()];
            for (int from = 0; from < batch.size(); from += 32) {
                List<String> part = batch.subList(from, Math.min(batch.size(), from + 32));
                List<Vectors> v = run(part);
                for (int j = 0; j < v.size(); j++) {
                    made[from + j] = v.get(j);
                }
            }
            synchronized (cache) {
                for (int j = 0; j < batch.size(); j++) {
                    remember(batch.get(j), made[j]);
                }
            }
            for (int i = 0; i < texts.size(); i++) {
                if (out[i] == null) {
                    out[i] = made[todo.get(texts.get(i))];
                }
            }
        }
        return List.of(out);
    }

    /**
     * A model run's fixed cost, in padded tokens: a group of texts is run as one batch padded to its longest, so texts of
     * very different lengths go in separate runs when the padding would cost more than a run.
     */
    static final int RUN_COST_TOKENS = 24;

    private List<Vectors> run(List<String> texts) {
        int n = texts.size();
        int[][] ids = new int[n][];
        float[][] weights = new float[n][];
        for (int i = 0; i < n; i++) {
            WordPiece.Pieces p = tokenizer.pieces(texts.get(i));
            int[] t = p.ids();
            weights[i] = java.util.Arrays.copyOf(p.weights(), Math.min(t.length, MAX_TOKENS - 2));
            int keep = Math.min(t.length, MAX_TOKENS - 2);
            ids[i] = new int[keep + 2];
            ids[i][0] = WordPiece.CLS;
            System.arraycopy(t, 0, ids[i], 1, keep);
            ids[i][keep + 1] = WordPiece.SEP;
        }
        // shortest first, then cut into the groups that cost least (padded tokens plus a run's fixed cost each)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> ids[i].length));
        long[] cost = new long[n + 1];
        int[] cut = new int[n + 1];
        for (int end = 1; end <= n; end++) {
            cost[end] = Long.MAX_VALUE;
            for (int start = 0; start < end; start++) {
                long c = cost[start] + RUN_COST_TOKENS + (long) (end - start) * ids[order[end - 1]].length;
                if (c < cost[end]) {
                    cost[end] = c;
                    cut[end] = start;
                }
            }
        }
        Vectors[] out = new Vectors[n];
        for (int end = n; end > 0; end = cut[end]) {
            int start = cut[end];
            int[][] groupIds = new int[end - start][];
            float[][] groupWeights = new float[end - start][];
            for (int k = start; k < end; k++) {
                groupIds[k - start] = ids[order[k]];
                groupWeights[k - start] = weights[order[k]];
            }
            List<Vectors> v = runBatch(groupIds, groupWeights);
            for (int k = start; k < end; k++) {
                out[order[k]] = v.get(k - start);
            }
        }
        return List.of(out);
    }

    private List<Vectors> runBatch(int[][] ids, float[][] weights) {
        int n = ids.length;
        int len = 2;
        for (int[] t : ids) {
            len = Math.max(len, t.length);
        }
        long[][] input = new long[n][len];
        long[][] mask = new long[n][len];
        long[][] types = new long[n][len];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < ids[i].length; j++) {
                input[i][j] = ids[i][j];
                mask[i][j] = 1;
            }
        }
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input_ids", OnnxTensor.createTensor(env, input));
            in.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (typeIds) {
                in.put("token_type_ids", OnnxTensor.createTensor(env, types));
            }
            try (OrtSession.Result r = session.run(in)) {
                float[][][] hidden = (float[][][]) r.get(0).getValue();
                List<Vectors> out = new java.util.ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int m = ids[i].length;
                    float[] mean = new float[DIM];
                    float[][] tokens = new float[m - 2][];
                    for (int j = 0; j < m; j++) {
                        for (int d = 0; d < DIM; d++) {
                            mean[d] += hidden[i][j][d];
                        }
                        if (j > 0 && j < m - 1) {
                            tokens[j - 1] = unit(hidden[i][j].clone());
                        }
                    }
                    int[] pieceIds = java.util.Arrays.copyOfRange(ids[i], 1, m - 1);
                    out.add(new Vectors(unit(mean), tokens, pieceIds, weights[i]));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the sentence model failed: " + e.getMessage(), e);
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float norm = (float) Math.sqrt(s);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return v;
    }

    /** The cosine of two unit vectors (their dot product), summed in four lanes so the CPU can overlap them. */
    static double cos(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Every row of {@code a} against every row of {@code b}: {@code m[i][j] = cos(a[i], b[j])}. Computed once per
     * answer and reference, it serves the alignment both ways and the order rule.
     */
    static float[][] cosines(float[][] a, float[][] b) {
        float[][] m = new float[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            float[] row = m[i];
            float[] x = a[i];
            for (int j = 0; j < b.length; j++) {
                row[j] = (float) cos(x, b[j]);
            }
        }
        return m;
    }
}
