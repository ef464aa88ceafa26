package dev.assay.plugins.matrix;

/** A matrix or scalar that is inverted is singular at this point: the value is undefined there. */
final class Singular extends Exception {
    final transient Expr what;

    Singular(Expr what) {
        super("singular", null, false, false);
        this.what = what;
    }
}
