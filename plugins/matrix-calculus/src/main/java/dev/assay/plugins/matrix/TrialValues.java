package dev.assay.plugins.matrix;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * An expression (or a gradient) on each trial of a grading call, computed exactly or in floating
 * point when first asked, with what was singular where it is undefined.
 */
final class TrialValues {
    final Trials trials;
    final Expr expr;
    /** Non-null: these are the values of expr's gradient with respect to this symbol. */
    private final String wrt;
    /** [trial][point][0: dimensions as sizes, 1: as random values]. */
    private final ModVal[][][] exact;
    private final boolean[][][] known;
    /** [trial]: the expression's dimensions in disguise. */
    private final Map<Expr, Long>[] disguised;
    /** What was singular, when a value is undefined. */
    Expr singular;
    /** [trial][point]. */
    private final Numeric.Floating[][] floating;

    @SuppressWarnings("unchecked")
    TrialValues(Trials trials, Expr expr, String wrt) {
        this.trials = trials;
        this.expr = expr;
        this.wrt = wrt;
        this.exact = new ModVal[trials.size()][2][2];
        this.known = new boolean[trials.size()][2][2];
        this.disguised = new Map[trials.size()];
        this.floating = new Numeric.Floating[trials.size()][2];
    }

    boolean exactCapable() {
        return trials.exactCapable();
    }

    /** The exact value on trial i (point 0 or its twin 1), or null where it is undefined (a singular inverse). */
    ModVal exact(int i, int point) throws InterruptedException {
        return exact(i, point, false);
    }

    ModVal exact(int i, int point, boolean symbolic) throws InterruptedException {
        int mode = symbolic ? 1 : 0;
        if (!known[i][point][mode]) {
            Map<Expr, Long> hidden = symbolic ? disguised(i) : Map.of();
            known[i][point][mode] = true;
            ExactTrial t = trials.exact(i, point, symbolic);
            if (t != null) {
                try {
                    exact[i][point][mode] = wrt == null ? t.evaluator(Map.of(), hidden).eval(expr) : new ExactGradient(t.evaluator()).of(expr, wrt);
                } catch (Singular s) {
                    singular = s.what;
                }
            }
        }
        return exact[i][point][mode];
    }

    /** The expression's dimensions in disguise on trial i (see {@link Trials#disguised}); none for a gradient. */
    Map<Expr, Long> disguised(int i) throws InterruptedException {
        if (disguised[i] == null) {
            disguised[i] = wrt == null ? disguisedNodes(i) : Map.of();
        }
        return disguised[i];
    }

    private Map<Expr, Long> disguisedNodes(int i) throws InterruptedException {
        if (!trials.p.computesScalars(expr)) {
            return Map.of();
        }
        List<Map<Expr, ModVal>> nodes = new ArrayList<>();
        ExactTrial[] at = {trials.exact(i, 0, false), trials.exact(i, 1, false), trials.exact(i, 0, true)};
        for (ExactTrial t : at) {
            Map<Expr, ModVal> recorded = new IdentityHashMap<>();
            try {
                if (t == null) {
                    return Map.of();
                }
                t.evaluator().evalRecording(expr, recorded);
            } catch (Singular undefined) {
                return Map.of();
            }
            if (nodes.isEmpty() && recorded.entrySet().stream()
                    .noneMatch(n -> n.getValue().kind == ModVal.Kind.SCALAR && trials.p.mentionsSymbol(n.getKey()))) {
                return Map.of(); // no scalar computed from the symbols: nothing to hide a dimension in
            }
            nodes.add(recorded);
        }
        return trials.disguised(nodes.get(0), nodes.get(1), nodes.get(2));
    }

    /** Whether the value is undefined on every trial. */
    boolean undefined() throws InterruptedException {
        for (int i = 0; i < trials.size(); i++) {
            if (exact(i, 0) != null) {
                return false;
            }
        }
        return true;
    }

    /** The value on trial i in floating point, at its point (0) or its twin (1). */
    Numeric.Floating floating(int i, int point) throws InterruptedException {
        if (floating[i][point] == null) {
            Map<String, Object> values = trials.floating(i, point);
            if (wrt != null) {
                DMatrixRMaj g = Gradients.of(expr, wrt, values);
                floating[i][point] = new Numeric.Floating(g, Numeric.norm(g), false);
            } else {
                Evaluator ev = Evaluator.guarded(values);
                Evaluator.Computed c = ev.computed(expr);
                // an identity standing alone has no size: compared as the scalar it scales
                floating[i][point] = new Numeric.Floating(Numeric.matrix(c.val(), 1), c.scale(), ev.invertedMatrix());
            }
        }
        return floating[i][point];
    }

    DMatrixRMaj floating(int i) throws InterruptedException {
        return floating(i, 0).value();
    }
}
