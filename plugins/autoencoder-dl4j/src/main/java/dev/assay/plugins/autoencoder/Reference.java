package dev.assay.plugins.autoencoder;

/**
 * The optimum of a question, computed two ways: in closed form, and by training with Deeplearning4j. Neither is trusted
 * unless they agree.
 *
 * @param dl4jGap   (L(DL4J's weights) − L*) / L*
 * @param dl4jAngle the largest principal angle between DL4J's decoder and span(U_k), in degrees
 */
record Reference(ClosedForm closedForm, Dl4jReference.Run dl4j, double dl4jGap, double dl4jAngle) {

    static Reference of(ClosedForm closedForm, Dl4jReference.Run dl4j) {
        return new Reference(closedForm, dl4j, (closedForm.loss(dl4j.w1(), dl4j.w2()) - closedForm.loss) / closedForm.loss,
                closedForm.largestPrincipalAngle(dl4j.w2()));
    }

    boolean agree() {
        return Math.abs(dl4jGap) <= 1e-3 && dl4jAngle <= 1.0;
    }
}
