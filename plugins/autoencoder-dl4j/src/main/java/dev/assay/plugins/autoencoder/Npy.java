package dev.assay.plugins.autoencoder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;

/**
 * NumPy's {@code .npy} format, version 1–3, for 1- and 2-dimensional float32/float64 arrays in C or
 * Fortran order. Every field of the header is checked against the bytes that follow; nothing is
 * trusted, sizes are capped.
 */
final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    static final int MAX_HEADER = 4096;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    /** The shape tuple as written, whatever it holds: its entries are checked one by one, with reasons. */
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** A dimension as Python writes it (Python 2 NumPy added L to longs); anything else is refused. */
    private static final Pattern DIMENSION = Pattern.compile("[+-]?\\d+L?");

    private Npy() {
    }

    static boolean looksLike(byte[] b) {
        if (b.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    static DMatrixRMaj read(byte[] b, String name, long maxElements) throws WeightsException {
        if (!looksLike(b) || b.length < 10) {
            throw new WeightsException(name + " is not a .npy file (its first bytes are not \\x93NUMPY).");
        }
        int major = b[6];
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(buf.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (b.length < 12) {
                throw new WeightsException(name + ": the .npy header is cut off.");
            }
            long len = Integer.toUnsignedLong(buf.getInt(8));
            if (len > MAX_HEADER) {
                throw new WeightsException(name + ": the .npy header claims " + len + " bytes; at most " + MAX_HEADER + " are read.");
            }
            headerLen = (int) len;
            headerStart = 12;
        } else {
            throw new WeightsException(name + ": .npy version " + major + " is not one this grader reads (1, 2 or 3).");
        }
        if (headerLen > MAX_HEADER || headerStart + headerLen > b.length) {
            throw new WeightsException(name + ": the .npy header is longer than the file or than " + MAX_HEADER + " bytes.");
        }
        String header = new String(b, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher o = ORDER.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) {
            String shown = header.strip();
            throw new WeightsException(name + ": the .npy header lacks descr, fortran_order or shape: "
                    + (shown.length() > 200 ? shown.substring(0, 200) + "…" : shown));
        }
        if (!d.group(2).equals("f") || !(d.group(3).equals("4") || d.group(3).equals("8"))) {
            throw new WeightsException(name + ": the array holds " + d.group(2) + d.group(3)
                    + "; save it as float32 or float64 (e.g. W1.astype('float64')).");
        }
        int width = Integer.parseInt(d.group(3));
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean fortran = o.group(1).equals("True");
        long[] shape = shape(name, s.group(1), maxElements);
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        int dataStart = headerStart + headerLen;
        long expected = (long) rows * cols * width; // at most maxElements × 8: no overflow
        if (b.length - dataStart != expected) {
            throw new WeightsException(name + ": the header says " + rows + "×" + cols + " " + (width == 4 ? "float32" : "float64")
                    + " (" + expected + " bytes) but the file holds " + (b.length - dataStart) + " bytes of data.");
        }
        ByteBuffer data = ByteBuffer.wrap(b, dataStart, (int) expected).order(order);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            double v = width == 4 ? data.getFloat() : data.getDouble();
            int r = fortran ? i % rows : i / cols;
            int c = fortran ? i / rows : i % cols;
            if (!Double.isFinite(v)) {
                throw new WeightsException(Matrices.notFinite(name, "row " + (r + 1) + ", column " + (c + 1), v));
            }
            m.set(r, c, v);
        }
        return m;
    }

    /**
     * Rows and columns from the header's shape tuple: one or two dimensions, each a whole number from 1 on, and
     * their product at most maxElements. Each dimension is compared with the limit before anything is multiplied,
     * so no product of dimensions can overflow (a header claiming 2**62 × 4 is refused, not read as 0 × 4).
     */
    private static long[] shape(String name, String tuple, long maxElements) throws WeightsException {
        String[] parts = tuple.strip().split("\\s*,\\s*", -1);
        int count = parts.length;
        if (count > 0 && parts[count - 1].isEmpty()) {
            count--; // the trailing comma of (3,)
        }
        if (count == 0 || count == 1 && parts[0].isEmpty()) {
            throw new WeightsException(name + " holds a single number (shape ()); save W as a 2-dimensional array.");
        }
        if (count > 2) {
            throw new WeightsException(name + " is a " + count + "-dimensional array (shape (" + tuple.strip() + ")); save it as a "
                    + "2-dimensional array, e.g. W.reshape(k, m) only if its numbers are already in that order.");
        }
        long[] dims = {1, 1};
        for (int i = 0; i < count; i++) {
            String p = parts[i].strip();
            if (!DIMENSION.matcher(p).matches()) {
                throw new WeightsException(name + ": the .npy header's shape (" + tuple.strip() + ") has '" + p
                        + "' where a dimension should be; save the file again with numpy.save.");
            }
            String digits = p.replace("L", "").replace("+", "");
            boolean negative = digits.startsWith("-");
            // more digits than any accepted size has: refuse before parsing (2**63 does not fit in a long)
            boolean absurd = digits.replace("-", "").replaceFirst("^0+(?=\\d)", "").length() > 12;
            long d = negative || absurd ? -1 : Long.parseLong(digits);
            if (negative || !absurd && d < 1) {
                throw new WeightsException(name + ": the .npy header's shape (" + tuple.strip() + ") has a dimension of " + p
                        + "; every dimension must be at least 1.");
            }
            if (absurd || d > maxElements) {
                throw new WeightsException(name + ": the .npy header's shape (" + tuple.strip() + ") has a dimension of " + p
                        + ", far more than the " + maxElements + " entries accepted; the header is damaged or this is not W.");
            }
            dims[i] = d;
        }
        if (dims[1] > maxElements / dims[0]) { // divides rather than multiplies: nothing can overflow
            throw new WeightsException(name + " has " + dims[0] + "×" + dims[1] + " entries; at most " + maxElements
                    + " are accepted.");
        }
        return dims;
    }

    static byte[] write(DMatrixRMaj m) {
        String dict = String.format(Locale.ROOT, "{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }",
                m.numRows, m.numCols);
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + 8 * m.getNumElements()).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                buf.putDouble(m.get(r, c));
            }
        }
        return buf.array();
    }
}
