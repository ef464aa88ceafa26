package dev.assay.plugins.matrix;

import java.util.HashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The gradient of a scalar function with respect to a matrix, on numbers: each entry is a
 * directional derivative by central differences with Richardson extrapolation (error of order h⁴,
 * about 1e-12 relative here), so instructors need not type the reference gradient.
 */
final class Gradients {
    private static final double H = 1e-3;

    private Gradients() {
    }

    static DMatrixRMaj of(Expr f, String wrt, Map<String, Object> values) throws InterruptedException {
        DMatrixRMaj w = (DMatrixRMaj) values.get(wrt);
        DMatrixRMaj g = new DMatrixRMaj(w.numRows, w.numCols);
        for (int i = 0; i < w.data.length; i++) {
            double d1 = central(f, wrt, values, w, i, H);
            double d2 = central(f, wrt, values, w, i, H / 2);
            g.data[i] = (4 * d2 - d1) / 3;
        }
        return g;
    }

    private static double central(Expr f, String wrt, Map<String, Object> values, DMatrixRMaj w, int i, double h)
            throws InterruptedException {
        return (at(f, wrt, values, w, i, h) - at(f, wrt, values, w, i, -h)) / (2 * h);
    }

    private static double at(Expr f, String wrt, Map<String, Object> values, DMatrixRMaj w, int i, double step)
            throws InterruptedException {
        DMatrixRMaj moved = w.copy();
        moved.data[i] += step;
        Map<String, Object> v = new HashMap<>(values);
        v.put(wrt, moved);
        return new Evaluator(v).eval(f).scalar();
    }
}
