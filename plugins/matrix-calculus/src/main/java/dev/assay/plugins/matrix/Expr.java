package dev.assay.plugins.matrix;

import java.util.ArrayList;
import java.util.List;

/** A matrix expression. Products are non-commutative; scalars are 1×1 and commute. */
public sealed interface Expr {

    List<Expr> children();

    Expr withChildren(List<Expr> children);

    /** A declared symbol (matrix, derived matrix, or scalar such as a dimension name). */
    record Sym(String name) implements Expr {
        public List<Expr> children() {
            return List.of();
        }

        public Expr withChildren(List<Expr> c) {
            return this;
        }
    }

    record Num(double value) implements Expr {
        public List<Expr> children() {
            return List.of();
        }

        public Expr withChildren(List<Expr> c) {
            return this;
        }
    }

    /** The identity of whatever size the context needs ({@code I}, {@code I_k}). */
    record Identity(String dim) implements Expr {
        public List<Expr> children() {
            return List.of();
        }

        public Expr withChildren(List<Expr> c) {
            return this;
        }
    }

    record Neg(Expr x) implements Expr {
        public List<Expr> children() {
            return List.of(x);
        }

        public Expr withChildren(List<Expr> c) {
            return new Neg(c.get(0));
        }
    }

    record Sum(List<Expr> terms) implements Expr {
        public Sum {
            terms = List.copyOf(terms);
        }

        public List<Expr> children() {
            return terms;
        }

        public Expr withChildren(List<Expr> c) {
            return new Sum(c);
        }
    }

    record Product(List<Expr> factors) implements Expr {
        public Product {
            factors = List.copyOf(factors);
        }

        public List<Expr> children() {
            return factors;
        }

        public Expr withChildren(List<Expr> c) {
            return new Product(c);
        }
    }

    /** Division by a scalar. */
    record Div(Expr num, Expr den) implements Expr {
        public List<Expr> children() {
            return List.of(num, den);
        }

        public Expr withChildren(List<Expr> c) {
            return new Div(c.get(0), c.get(1));
        }
    }

    record Transpose(Expr x) implements Expr {
        public List<Expr> children() {
            return List.of(x);
        }

        public Expr withChildren(List<Expr> c) {
            return new Transpose(c.get(0));
        }
    }

    record Inverse(Expr x) implements Expr {
        public List<Expr> children() {
            return List.of(x);
        }

        public Expr withChildren(List<Expr> c) {
            return new Inverse(c.get(0));
        }
    }

    /** A whole power of a scalar or a square matrix. */
    record Power(Expr x, int exponent) implements Expr {
        public List<Expr> children() {
            return List.of(x);
        }

        public Expr withChildren(List<Expr> c) {
            return new Power(c.get(0), exponent);
        }
    }

    record Trace(Expr x) implements Expr {
        public List<Expr> children() {
            return List.of(x);
        }

        public Expr withChildren(List<Expr> c) {
            return new Trace(c.get(0));
        }
    }

    /** The Frobenius norm; squared with {@link Power}. */
    record Norm(Expr x) implements Expr {
        public List<Expr> children() {
            return List.of(x);
        }

        public Expr withChildren(List<Expr> c) {
            return new Norm(c.get(0));
        }
    }

    /** Every subexpression, depth first, this one first. */
    static List<Expr> nodes(Expr e) {
        List<Expr> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Expr> out) {
        out.add(e);
        for (Expr c : e.children()) {
            collect(c, out);
        }
    }

    /** The expression with its {@code index}-th node (in {@link #nodes} order) replaced. */
    static Expr replace(Expr e, int index, java.util.function.UnaryOperator<Expr> change) {
        int[] counter = {index};
        return replace(e, counter, change);
    }

    private static Expr replace(Expr e, int[] counter, java.util.function.UnaryOperator<Expr> change) {
        if (counter[0] == 0) {
            counter[0] = -1;
            return change.apply(e);
        }
        counter[0]--;
        if (e.children().isEmpty()) {
            return e;
        }
        List<Expr> kids = new ArrayList<>();
        for (Expr c : e.children()) {
            kids.add(counter[0] < 0 ? c : replace(c, counter, change));
        }
        return e.withChildren(kids);
    }
}
