package dev.assay.plugins.autoencoder;

/** An uploaded file that cannot be read as a matrix, with what to do about it. */
final class WeightsException extends Exception {
    WeightsException(String message) {
        super(message);
    }
}
