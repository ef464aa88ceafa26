package dev.assay.plugins.matrix;

/**
 * An answer that cannot be compared soundly: too large to compare exactly, or, in floating point,
 * values out of the range where a difference would show. Never credit: the student is told what
 * to simplify, in one of the reasons below or a message of its own.
 */
final class Undecidable extends RuntimeException {
    /** A value's degree or coefficients are past what a comparison can bound. */
    static final String TOO_LARGE = "Your expression is too large to compare exactly: its powers of powers give it a degree"
            + " beyond what a check can bound. Write it with smaller powers and submit again.";
    /** Equal with the dimensions' sizes, not with random values in their place. */
    static final String ONLY_AT_THESE_SIZES = "Your expression agrees with the answer at the sizes tried, but not as a formula"
            + " in the dimensions: it depends on their values in a way the answer does not, or it uses a number computed from"
            + " the matrices that does not depend on them (such as $\\operatorname{tr}(U_k^\\top U_k) = k$, a trace of a matrix"
            + " that is only numerically the identity, or $\\frac{\\|X\\|_F}{\\|X\\|_F} = 1$). Write the dimensions and numbers"
            + " themselves where they belong and submit again.";
    /** Different exactly, yet the same in floating point, where a norm variable makes the exact check incomplete. */
    static final String NORMS_NOT_EXACT = "Your expression agrees with the answer on random numbers, but Assay cannot confirm it"
            + " exactly: a norm to an odd power such as $\\|A\\|_F$ is checked exactly only by what holds for any value of the"
            + " norm, so identities such as $\\|A\\|_F\\|A\\|_F = \\|A\\|_F^2$ or $\\|2A\\|_F = 2\\|A\\|_F$ are not seen. Write"
            + " each norm the same way, squared where you can ($\\|A\\|_F^2$), and submit again.";

    Undecidable(String message) {
        super(message, null, false, false);
    }
}
