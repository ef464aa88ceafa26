package dev.assay.plugins.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The two references agree: DL4J's training lands on the closed-form optimum of the same objective. */
class Dl4jReferenceTest {
    @Test
    void trainingWithDl4jReachesTheClosedFormOptimum() throws Exception {
        var x = DataSet.generate(AutoencoderPluginTest.HW7.data().generate());
        ClosedForm cf = new ClosedForm(x, 0.1, 5);
        Dl4jReference.Run run = Dl4jReference.train(x, 0.1, 5, 42, System.nanoTime() + 600_000_000_000L);
        double gap = (cf.loss(run.w1(), run.w2()) - cf.loss) / cf.loss;
        System.out.printf("DL4J (%s): %d steps in %d ms, loss gap %.3g, largest principal angle %.3g°%n", run.backend(),
                run.steps(), run.millis(), gap, cf.largestPrincipalAngle(run.w2()));
        assertThat(gap).isBetween(-1e-9, 1e-4);
        assertThat(cf.largestPrincipalAngle(run.w2())).isLessThan(0.5);
        double[] eig = ClosedForm.gramEigenvalues(run.w2());
        double[] predicted = cf.predictedEigenvalues();
        for (int i = 0; i < 5; i++) {
            assertThat(Math.abs(eig[i] - predicted[i])).as("eigenvalue " + (i + 1)).isLessThan(0.01);
        }
    }
}
