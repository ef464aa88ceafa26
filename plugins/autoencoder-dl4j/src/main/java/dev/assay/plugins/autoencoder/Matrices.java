package dev.assay.plugins.autoencoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;

/** Matrices from the files students upload (CSV, JSON, .npy) and to the files the question hands out. */
final class Matrices {
    static final long MAX_ELEMENTS = 1_000_000;
    /** A decimal number as CSV and JSON writers print it; Java's extras (hex, a d or f suffix) are not numbers here. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    /** How NumPy, Python and JavaScript write what is not a finite number. */
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

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

    /** A cell's number; non-finite values and non-numbers are refused with their position. */
    private static double number(String name, String position, String cell) throws WeightsException {
        if (NOT_FINITE.matcher(cell).matches()) {
            throw new WeightsException(notFinite(name, position, cell.toLowerCase(Locale.ROOT).contains("nan")
                    ? Double.NaN : Double.POSITIVE_INFINITY));
        }
        if (!NUMBER.matcher(cell).matches()) {
            throw new WeightsException(name + ", " + position + ": '" + shorten(cell) + "' is not a number.");
        }
        double v = Double.parseDouble(cell);
        if (!Double.isFinite(v)) {
            throw new WeightsException(name + ", " + position + ": " + shorten(cell) + " is too large for a double (over 1.8e308);"
                    + " weights this large mean training diverged: lower the learning rate.");
        }
        return v;
    }

    /** The message for a NaN or an infinity at a position of an uploaded matrix, for every format. */
    static String notFinite(String name, String position, double value) {
        return name + ", " + position + ": " + (Double.isNaN(value) ? "NaN" : "an infinite value") + " where a number "
                + "should be. Every entry of W must be a finite number: NaN or infinity in weights usually means training "
                + "diverged; lower the learning rate and train again.";
    }

    private static String shorten(String cell) {
        return cell.length() > 40 ? cell.substring(0, 40) + "…" : cell;
    }

    private static boolean numberLike(String cell) {
        return NUMBER.matcher(cell).matches() || NOT_FINITE.matcher(cell).matches();
    }

    private static DMatrixRMaj csv(String name, String text) throws WeightsException {
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\\r?\\n");
        boolean headerAllowed = true;
        long entries = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\s*[,;\\t ]\\s*");
            if (headerAllowed && java.util.Arrays.stream(cells).noneMatch(Matrices::numberLike)) {
                headerAllowed = false; // a first line of names only, e.g. a pandas header
                continue;
            }
            headerAllowed = false;
            entries += cells.length;
            if (entries > MAX_ELEMENTS) {
                throw new WeightsException(name + " has more than " + MAX_ELEMENTS + " entries.");
            }
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                row[j] = number(name, "line " + (i + 1) + ", column " + (j + 1), cells[j]);
            }
            rows.add(row);
        }
        return of(name, rows);
    }

    /**
     * A JSON array of rows ({@code [[0.1, 0.2], [0.3, 0.4]]}, as json.dumps(W.tolist()) writes it) or a single row.
     * Read by hand, one character at a time, so every refusal names the row and column, and no regular expression
     * recurses once per row.
     */
    private static DMatrixRMaj json(String name, String text) throws WeightsException {
        JsonRows reader = new JsonRows(name, text);
        return of(name, reader.rows());
    }

    private static final class JsonRows {
        private final String name;
        private final String text;
        private int at;
        private long entries;

        JsonRows(String name, String text) {
            this.name = name;
            this.text = text;
        }

        List<double[]> rows() throws WeightsException {
            expect('[');
            List<double[]> rows = new ArrayList<>();
            if (peek() == '[') {
                do {
                    rows.add(row(rows.size() + 1));
                } while (comma());
            } else if (peek() != ']') {
                rows.add(numbers(1)); // a vector: one row
            }
            expect(']');
            if (peek() != 0) {
                throw shape("there is more after the closing bracket");
            }
            return rows;
        }

        private double[] row(int index) throws WeightsException {
            expect('[');
            double[] r = peek() == ']' ? new double[0] : numbers(index);
            expect(']');
            return r;
        }

        private double[] numbers(int rowIndex) throws WeightsException {
            List<Double> r = new ArrayList<>();
            do {
                skipSpace();
                int from = at;
                while (at < text.length() && "+-.0123456789eEaAnNiIfFtTyY".indexOf(text.charAt(at)) >= 0) {
                    at++;
                }
                if (from == at) {
                    throw shape("row " + rowIndex + ", column " + (r.size() + 1) + " is not a number");
                }
                if (++entries > MAX_ELEMENTS) {
                    throw new WeightsException(name + " has more than " + MAX_ELEMENTS + " entries.");
                }
                r.add(number(name, "row " + rowIndex + ", column " + (r.size() + 1), text.substring(from, at)));
            } while (comma());
            return r.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private boolean comma() {
            if (peek() == ',') {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) throws WeightsException {
            if (peek() != c) {
                throw shape("expected '" + c + "' at character " + (at + 1));
            }
            at++;
        }

        /** The next character that is not white space, or 0 at the end; it is not consumed. */
        private char peek() {
            skipSpace();
            return at < text.length() ? text.charAt(at) : 0;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private WeightsException shape(String where) {
            return new WeightsException(name + " is not a JSON array of arrays of numbers (" + where + "); write it as "
                    + "[[0.1, 0.2], [0.3, 0.4]], e.g. json.dump(W.tolist(), f).");
        }
    }

    private static DMatrixRMaj of(String name, List<double[]> rows) throws WeightsException {
        int cols = rows.isEmpty() ? 0 : rows.get(0).length;
        if (cols == 0) {
            throw new WeightsException(name + " holds no numbers.");
        }
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

    static boolean allFinite(DMatrixRMaj m) {
        for (int i = 0; i < m.getNumElements(); i++) {
            if (!Double.isFinite(m.data[i])) {
                return false;
            }
        }
        return true;
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
