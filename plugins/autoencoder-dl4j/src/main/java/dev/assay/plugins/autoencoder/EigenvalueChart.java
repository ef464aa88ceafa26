package dev.assay.plugins.autoencoder;

import dev.assay.api.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** The eigenvalues of the student's W2ᵀW2 next to the closed form's 1 − λ/s_i, with the line at 1. */
final class EigenvalueChart {
    private EigenvalueChart() {
    }

    static Figure of(double[] yours, double[] predicted, double lambda) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < yours.length; i++) {
            String at = "i = " + (i + 1);
            data.addValue(yours[i], "yours", at);
            data.addValue(predicted[i], "optimum: 1 − λ/s_i", at);
        }
        NumberAxis value = new NumberAxis("eigenvalue of W₂ᵀW₂");
        double top = 1.1;
        for (double y : yours) {
            top = Math.max(top, y * 1.05);
        }
        value.setRange(0, top);
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x1f77b4));
        bars.setSeriesPaint(1, new Color(0xbbbbbb));
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), value, bars);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        ValueMarker one = new ValueMarker(1.0, new Color(0xd62728), new BasicStroke(1.5f));
        one.setLabel("1 (orthonormal columns)");
        one.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        one.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        one.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(one);
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "Decoder Gram eigenvalues (λ = %s)", lambda),
                new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(png, chart, 560, 320);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder alt = new StringBuilder("Bar chart of the eigenvalues of your W2ᵀW2 against the optimum's: ");
        for (int i = 0; i < yours.length; i++) {
            alt.append(String.format(Locale.ROOT, "%s%.3f vs %.3f", i == 0 ? "" : ", ", yours[i], predicted[i]));
        }
        return new Figure("image/png", png.toByteArray(), alt.append('.').toString());
    }
}
