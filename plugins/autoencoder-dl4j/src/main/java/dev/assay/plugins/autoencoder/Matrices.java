package dev.assay.plugins.autoencoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/** Matrices from the files students upload (CSV, JSON, .npy) and to the files the question hands out. */
final class Matrices {
    static final long MAX_ELEMENTS = 1_000_000;

    private Matrices() {
    }

    static DMatrixRMaj read(String name, byte[] bytes) throws WeightsException {
        if (Npy.looksLike(bytes)) {
            return Npy.read(bytes, name, MAX_ELEMENTS);
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.startsWith("[")) {
            return json(name, text);
        }
        return csv(name, text);
    }

    private static DMatrixRMaj csv(String name, String text) throws WeightsException {
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\s*[,;\\t ]\\s*");
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                try {
                    row[j] = Double.parseDouble(cells[j]);
                } catch (NumberFormatException e) {
                    if (rows.isEmpty() && i == 0) {
                        row = null; // a header line
                        break;
                    }
                    throw new WeightsException(name + ", line " + (i + 1) + ": '" + cells[j] + "' is not a number.");
                }
                if (!Double.isFinite(row[j])) {
                    throw new WeightsException(name + " contains NaN or infinite values: training diverged? Lower the learning rate.");
                }
            }
            if (row != null) {
                rows.add(row);
            }
            if ((long) rows.size() * (row == null ? 1 : row.length) > MAX_ELEMENTS) {
                throw new WeightsException(name + " has more than " + MAX_ELEMENTS + " entries.");
            }
        }
        return of(name, rows);
    }

    private static DMatrixRMaj json(String name, String text) throws WeightsException {
        List<double[]> rows = new ArrayList<>();
        String inner = text.replaceAll("\\s+", "");
        if (!inner.startsWith("[[")) {
            inner = "[" + inner + "]"; // a vector: one row
        }
        if (!inner.matches("\\[(\\[[-+0-9.eE,]*\\],?)+\\]")) {
            throw new WeightsException(name + " is not a JSON array of arrays of numbers, e.g. [[0.1, 0.2], [0.3, 0.4]].");
        }
        for (String row : inner.substring(2, inner.length() - 2).split("\\],\\[")) {
            String[] cells = row.split(",");
            double[] r = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                try {
                    r[j] = Double.parseDouble(cells[j]);
                } catch (NumberFormatException e) {
                    throw new WeightsException(name + ": '" + cells[j] + "' is not a number.");
                }
            }
            rows.add(r);
            if ((long) rows.size() * r.length > MAX_ELEMENTS) {
                throw new WeightsException(name + " has more than " + MAX_ELEMENTS + " entries.");
            }
        }
        return of(name, rows);
    }

    private static DMatrixRMaj of(String name, List<double[]> rows) throws WeightsException {
        if (rows.isEmpty()) {
            throw new WeightsException(name + " holds no numbers.");
        }
        int cols = rows.get(0).length;
        DMatrixRMaj m = new DMatrixRMaj(rows.size(), cols);
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != cols) {
                throw new WeightsException(name + ": row " + (r + 1) + " has " + rows.get(r).length + " numbers, row 1 has " + cols + ".");
            }
            for (int c = 0; c < cols; c++) {
                m.set(r, c, rows.get(r)[c]);
            }
        }
        return m;
    }

    static byte[] csv(DMatrixRMaj m) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                if (c > 0) {
                    b.append(',');
                }
                b.append(String.format(Locale.ROOT, "%.17g", m.get(r, c)));
            }
            b.append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
