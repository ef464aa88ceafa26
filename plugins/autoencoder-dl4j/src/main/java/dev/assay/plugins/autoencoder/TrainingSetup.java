package dev.assay.plugins.autoencoder;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A student's training setup, as they would configure PyTorch: layers, bias, loss, optimiser, learning
 * rate, weight decay (on the optimiser) or L2 (in the loss), epochs, batch size.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record TrainingSetup(Integer layers, Boolean bias, String loss, String optimizer,
                     @JsonAlias({"lr", "learning_rate"}) Double learningRate,
                     @JsonAlias("weight_decay") Double weightDecay, Double l2, Integer epochs,
                     @JsonAlias("batch_size") Integer batchSize) {

    static final int MAX_EPOCHS = 5000;
    /**
     * The most a setup file may hold. A setup is a few settings (under 1 KiB with comments); SnakeYAML slows more than
     * linearly on a long line (a 15 MiB quoted scalar took 29 s), so anything larger is refused before it is parsed.
     */
    static final int MAX_BYTES = 64 * 1024;
    /** A setup is one flat mapping: a few levels leave room for a stray list, not for a parser-deep document. */
    private static final int MAX_NESTING = 20;
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .loaderOptions(loaderOptions())
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(MAX_BYTES).maxNestingDepth(MAX_NESTING).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    static TrainingSetup read(String name, byte[] bytes) throws WeightsException {
        if (bytes.length > MAX_BYTES) {
            throw new WeightsException(name + " is " + size(bytes.length) + "; a training setup may be at most "
                    + size(MAX_BYTES) + ". It needs only its settings (layers, bias, loss, optimizer, lr, weight_decay or l2, "
                    + "epochs, batch_size): upload those alone.");
        }
        try {
            TrainingSetup s = YAML.readValue(bytes, TrainingSetup.class); // YAML is a superset of JSON
            if (s == null) {
                throw new WeightsException(name + " is empty.");
            }
            List<String> wrong = s.impossibleValues();
            if (!wrong.isEmpty()) {
                throw new WeightsException(name + ": " + String.join("; ", wrong) + ".");
            }
            return s;
        } catch (java.io.IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new WeightsException(name + " is not a training setup (JSON or YAML with layers, bias, loss, optimizer, "
                    + "learningRate, weightDecay or l2, epochs, batchSize): " + msg);
        }
    }

    /** Values no training can use (NaN, infinities, negative decay, no epochs), each with what to write instead. */
    private List<String> impossibleValues() {
        List<String> wrong = new ArrayList<>();
        if (learningRate != null && !(Double.isFinite(learningRate) && learningRate > 0)) {
            wrong.add("lr is " + learningRate + "; write a positive number such as 0.4");
        }
        if (weightDecay != null && !(Double.isFinite(weightDecay) && weightDecay >= 0)) {
            wrong.add("weight_decay is " + weightDecay + "; write 0 or a positive number");
        }
        if (l2 != null && !(Double.isFinite(l2) && l2 >= 0)) {
            wrong.add("l2 is " + l2 + "; write 0 or a positive number");
        }
        if (epochs != null && epochs < 1) {
            wrong.add("epochs is " + epochs + "; write at least 1");
        }
        if (batchSize != null && batchSize < 1) {
            wrong.add("batch_size is " + batchSize + "; write at least 1 (or leave it out for the full batch)");
        }
        if (layers != null && layers < 1) {
            wrong.add("layers is " + layers + "; Eq. 6 has 2");
        }
        return wrong;
    }

    String optimizerName() {
        return optimizer == null ? "sgd" : optimizer.toLowerCase(Locale.ROOT).replace("torch.optim.", "");
    }

    String lossName() {
        String l = loss == null ? "mse" : loss.toLowerCase(Locale.ROOT).replace("nn.", "").replace("()", "");
        return l.equals("mseloss") || l.equals("mean squared error") ? "mse" : l;
    }

    double decay() {
        return (weightDecay == null ? 0 : weightDecay) + (l2 == null ? 0 : l2);
    }

    /**
     * How the setup relates to Eq. 6 on an m-dimensional problem with penalty λ: the reasons it is a
     * different objective (empty when it is Eq. 6 exactly), and the λ it effectively optimises.
     */
    List<String> differencesFromEq6(int m, double lambda) {
        List<String> why = new ArrayList<>();
        if (layers != null && layers != 2) {
            why.add("Eq. 6 has exactly two linear layers (encoder and decoder); your setup has " + layers);
        }
        if (Boolean.TRUE.equals(bias)) {
            why.add("with biases the model is affine, not the linear $W_2W_1X$ of Eq. 6 (use bias=False)");
        }
        if (!lossName().equals("mse")) {
            why.add("the reconstruction term of Eq. 6 is a squared error: use nn.MSELoss, not " + loss);
        }
        String opt = optimizerName();
        if (opt.equals("adamw")) {
            why.add("AdamW decouples weight decay from the gradient, so it does not minimise the penalised loss of Eq. 6");
        } else if (!opt.equals("sgd")) {
            why.add(optimizer + " rescales each coordinate of the gradient, so its weight decay is not the penalty of Eq. 6; "
                    + "plain SGD is");
        }
        double wanted = 2 * lambda / m;
        if (Math.abs(decay() - wanted) > 1e-9 * Math.max(1, wanted)) {
            why.add(String.format(Locale.ROOT, "with nn.MSELoss (a mean over all n·m entries) weight decay w stands for "
                    + "λ = m·w/2: yours (%s) is λ = %s, Eq. 6 asks for λ = %s, i.e. weight_decay = 2λ/m = %s",
                    fmt(decay()), fmt(m * decay() / 2), fmt(lambda), fmt(wanted)));
        }
        return why;
    }

    int steps(int n) {
        int e = epochs == null ? 1000 : epochs;
        int perEpoch = batchSize == null || batchSize >= n ? 1 : (int) Math.ceil((double) n / batchSize);
        return (int) Math.min(MAX_EPOCHS, (long) e * perEpoch);
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4g", d);
    }
}
