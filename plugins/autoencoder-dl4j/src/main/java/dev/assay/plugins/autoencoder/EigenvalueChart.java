package dev.assay.plugins.autoencoder;

import dev.assay.api.Figure;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The eigenvalues of the student's W2ᵀW2 next to the closed form's 1 − λ/s_i, with the line at 1, as a small
 * hand-written SVG: a few KB of text that every browser draws, no scripts, no external references, so each stored
 * grade carries the numbers the picture is drawn from rather than a 20–30 KB PNG (and grading does not pay for a
 * PNG encoder). Bars are drawn for the largest {@link #MAX_BARS} eigenvalues at most, which keeps the figure small
 * whatever k is; the text alternative says so.
 */
final class EigenvalueChart {
    static final String MEDIA_TYPE = "image/svg+xml";
    static final int MAX_BARS = 32;
    private static final int WIDTH = 560;
    private static final int HEIGHT = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 40;
    private static final int BOTTOM = 64;
    private static final String YOURS = "#1f77b4";
    private static final String OPTIMUM = "#aaaaaa";
    private static final String ONE = "#d62728";

    private EigenvalueChart() {
    }

    static Figure of(double[] yours, double[] predicted, double lambda) {
        int shown = Math.min(MAX_BARS, Math.min(yours.length, predicted.length));
        double top = 1.1;
        for (int i = 0; i < shown; i++) {
            top = Math.max(top, Math.max(finite(yours[i]), finite(predicted[i])) * 1.05);
        }
        double tick = niceStep(top / 5);
        top = Math.ceil(top / tick) * tick;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double group = plotWidth / Math.max(1, shown);
        double bar = group * 0.36;

        String title = "Decoder Gram eigenvalues (λ = " + num(lambda) + ")";
        StringBuilder svg = new StringBuilder(2048);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.append("<title>").append(escape(title)).append("</title>");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"20\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">")
                .append(escape(title)).append("</text>");
        for (double t = 0; t <= top + tick / 2; t += tick) {
            String y = px(TOP + plotHeight * (1 - t / top));
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#ddd\"/>");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y).append("\" dy=\"4\" text-anchor=\"end\">")
                    .append(num(t)).append("</text>");
        }
        for (int i = 0; i < shown; i++) {
            double x = LEFT + group * i + group / 2;
            svg.append(bar(x - bar, bar, finite(yours[i]), top, plotHeight, YOURS));
            svg.append(bar(x, bar, finite(predicted[i]), top, plotHeight, OPTIMUM));
            svg.append("<text x=\"").append(px(x)).append("\" y=\"").append(HEIGHT - BOTTOM + 14)
                    .append("\" text-anchor=\"middle\">").append(i + 1).append("</text>");
        }
        String one = px(TOP + plotHeight * (1 - 1 / top));
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(one)
                .append("\" y2=\"").append(one).append("\" stroke=\"").append(ONE).append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>");
        svg.append("<text x=\"").append(WIDTH - RIGHT - 2).append("\" y=\"").append(one).append("\" dy=\"-4\" text-anchor=\"end\" fill=\"")
                .append(ONE).append("\">1 (orthonormal columns)</text>");
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" y2=\"")
                .append(HEIGHT - BOTTOM).append("\" stroke=\"#333\"/>");
        svg.append("<text x=\"").append(LEFT + (int) plotWidth / 2).append("\" y=\"").append(HEIGHT - BOTTOM + 30)
                .append("\" text-anchor=\"middle\">i (eigenvalues largest first")
                .append(shown < yours.length ? ", the " + shown + " largest of " + yours.length : "").append(")</text>");
        int legendY = HEIGHT - 14;
        svg.append(legend(LEFT, legendY, YOURS, "yours: eigenvalue of W₂ᵀW₂"));
        svg.append(legend(LEFT + 230, legendY, OPTIMUM, "optimum: 1 − λ/s_i"));
        svg.append("</svg>");
        return new Figure(MEDIA_TYPE, svg.toString().getBytes(StandardCharsets.UTF_8), altText(yours, predicted, shown));
    }

    private static String altText(double[] yours, double[] predicted, int shown) {
        StringBuilder alt = new StringBuilder("Bar chart of the eigenvalues of your W2ᵀW2 against the optimum's");
        alt.append(shown < yours.length ? " (the " + shown + " largest of " + yours.length + "): " : ": ");
        for (int i = 0; i < shown; i++) {
            alt.append(String.format(Locale.ROOT, "%s%.3f vs %.3f", i == 0 ? "" : ", ", yours[i], predicted[i]));
        }
        return alt.append('.').toString();
    }

    private static String bar(double x, double width, double value, double top, double plotHeight, String colour) {
        double h = plotHeight * value / top;
        return "<rect x=\"" + px(x) + "\" y=\"" + px(TOP + plotHeight - h) + "\" width=\"" + px(width) + "\" height=\"" + px(h)
                + "\" fill=\"" + colour + "\"/>";
    }

    private static String legend(int x, int y, String colour, String label) {
        return "<rect x=\"" + x + "\" y=\"" + (y - 9) + "\" width=\"10\" height=\"10\" fill=\"" + colour + "\"/><text x=\""
                + (x + 14) + "\" y=\"" + y + "\">" + escape(label) + "</text>";
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least the given step. */
    static double niceStep(double atLeast) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(atLeast)));
        for (double f : new double[]{1, 2, 2.5, 5, 10}) {
            if (f * magnitude >= atLeast) {
                return f * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /**
     * Eigenvalues below zero (rounding) or not finite are drawn at zero, and huge ones at 10³⁰⁰, so the axis stays
     * finite: the alt text has the numbers.
     */
    private static double finite(double v) {
        return Double.isFinite(v) && v > 0 ? Math.min(v, 1e300) : 0;
    }

    private static String px(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3g", v).replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
