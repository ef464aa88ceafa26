package dev.assay.plugins.autoencoder;

import java.util.Locale;

/** How numbers read in the plugin's feedback: four significant digits, shares as percentages. */
final class FeedbackNumbers {
    private FeedbackNumbers() {
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.1f" : "%.4g", d);
    }

    /** A share of L* as a percentage. */
    static String percent(double share) {
        // NaN when the loss is beyond the arithmetic (weights of 1e200); above 99,999 % the number says nothing more
        return Double.isNaN(share) ? "n/a" : share > 999.99 ? "over 99,999 %"
                : String.format(Locale.ROOT, "%.1f %%", 100 * Math.max(0, share)); // never below 0 but for rounding
    }
}
