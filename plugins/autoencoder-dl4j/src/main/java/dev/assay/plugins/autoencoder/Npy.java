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
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d+)\\s*,?\\s*(\\d+)?\\s*,?\\s*\\)");

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
            throw new WeightsException(name + ": the .npy header lacks descr, fortran_order or shape: " + header.trim());
        }
        if (!d.group(2).equals("f") || !(d.group(3).equals("4") || d.group(3).equals("8"))) {
            throw new WeightsException(name + ": the array holds " + d.group(2) + d.group(3)
                    + "; save it as float32 or float64 (e.g. W1.astype('float64')).");
        }
        int width = Integer.parseInt(d.group(3));
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean fortran = o.group(1).equals("True");
        long rows = Long.parseLong(s.group(1));
        long cols = s.group(2) == null ? 1 : Long.parseLong(s.group(2));
        if (rows * cols > maxElements) {
            throw new WeightsException(name + " has " + rows + "×" + cols + " entries; at most " + maxElements + " are accepted.");
        }
        int dataStart = headerStart + headerLen;
        long expected = rows * cols * width;
        if (b.length - dataStart != expected) {
            throw new WeightsException(name + ": the header says " + rows + "×" + cols + " " + (width == 4 ? "float32" : "float64")
                    + " (" + expected + " bytes) but the file holds " + (b.length - dataStart) + " bytes of data.");
        }
        ByteBuffer data = ByteBuffer.wrap(b, dataStart, (int) expected).order(order);
        DMatrixRMaj m = new DMatrixRMaj((int) rows, (int) cols);
        for (int i = 0; i < rows * cols; i++) {
            double v = width == 4 ? data.getFloat() : data.getDouble();
            if (!Double.isFinite(v)) {
                throw new WeightsException(name + " contains NaN or infinite values: training diverged? Lower the learning rate.");
            }
            int r;
            int c;
            if (fortran) {
                r = (int) (i % rows);
                c = (int) (i / rows);
            } else {
                r = (int) (i / cols);
                c = (int) (i % cols);
            }
            m.set(r, c, v);
        }
        return m;
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
