package dev.assay.plugins.autoencoder;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.ejml.data.DMatrixRMaj;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The optimum found the second way: training the linear autoencoder of Eq. 6 with Deeplearning4j.
 *
 * <p>DL4J's conventions make its objective exactly L_λ / m: a DenseLayer computes in·W with W [nIn, nOut];
 * features = labels = Xᵀ (n×m); LossMSE divides by nOut = m and the score by the minibatch n; so per-layer
 * {@code l2(2λ/m)} and {@code Sgd(m·η)} is gradient descent with step η on L_λ. The global weightDecay of
 * M2.1 is applied twice per layer, so it is not used.
 */
final class Dl4jReference {
    /** The trained weights in the question's orientation (W1 k×m, W2 m×k), their loss, and how they were found. */
    record Run(DMatrixRMaj w1, DMatrixRMaj w2, String backend, int steps, long millis) {
    }

    static final int STEPS = 2000;
    static final double STEP_SIZE = 0.02;

    private Dl4jReference() {
    }

    static Run train(DMatrixRMaj x, double lambda, int k, long seed, long deadlineNanos)
            throws InterruptedException, TrainingDevice.BudgetExceeded {
        int m = x.numRows;
        return train(x, k, seed, new Sgd(m * STEP_SIZE), 2 * lambda / m, false, STEPS, deadlineNanos);
    }

    /** A student's setup, as DL4J runs it: its optimiser, learning rate, decay (as L2) and bias, full batch. */
    static Run train(DMatrixRMaj x, int k, long seed, TrainingSetup setup, long deadlineNanos)
            throws InterruptedException, TrainingDevice.BudgetExceeded {
        double lr = setup.learningRate() == null ? 0.01 : setup.learningRate();
        org.nd4j.linalg.learning.config.IUpdater updater = switch (setup.optimizerName()) {
            case "adam", "adamw" -> new org.nd4j.linalg.learning.config.Adam(lr);
            case "momentum", "nesterov", "nesterovs" -> new org.nd4j.linalg.learning.config.Nesterovs(lr, 0.9);
            default -> new Sgd(lr);
        };
        return train(x, k, seed, updater, setup.decay(), Boolean.TRUE.equals(setup.bias()), setup.steps(x.numCols), deadlineNanos);
    }

    private static Run train(DMatrixRMaj x, int k, long seed, org.nd4j.linalg.learning.config.IUpdater updater, double l2,
                             boolean bias, int steps, long deadlineNanos)
            throws InterruptedException, TrainingDevice.BudgetExceeded {
        long started = System.nanoTime();
        int m = x.numRows;
        int n = x.numCols;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(m).nOut(k).activation(Activation.IDENTITY).hasBias(bias).l2(l2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(k).nOut(m).activation(Activation.IDENTITY)
                        .hasBias(bias).l2(l2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        double[][] rows = new double[n][m];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                rows[j][i] = x.get(i, j);
            }
        }
        INDArray features = Nd4j.create(rows);
        DataSet data = new DataSet(features, features);
        for (int step = 0; step < steps; step++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("DL4J training stopped at step " + step);
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new TrainingDevice.BudgetExceeded(step, steps);
            }
            net.fit(data);
        }
        INDArray encoder = net.getLayer(0).getParam("W"); // [m, k]
        INDArray decoder = net.getLayer(1).getParam("W"); // [k, m]
        DMatrixRMaj w1 = new DMatrixRMaj(k, m);
        DMatrixRMaj w2 = new DMatrixRMaj(m, k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                w1.set(j, i, encoder.getDouble(i, j));
                w2.set(i, j, decoder.getDouble(j, i));
            }
        }
        String backend = Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "");
        return new Run(w1, w2, backend, steps, (System.nanoTime() - started) / 1_000_000);
    }
}
