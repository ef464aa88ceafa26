package dev.assay.plugins.matrix;

import dev.assay.api.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A question compiled from its configuration: symbols and their spellings, derived quantities,
 * which decompositions can be drawn exactly, and how the trials' sizes are drawn ({@link Sizes}).
 * The trials themselves are {@link ExactTrial} and {@link FloatingTrial}.
 */
public final class Problem {
    final MatrixConfig config;
    final Symbols symbols = new Symbols();
    final Map<String, Expr> definitions = new LinkedHashMap<>();
    /** How a trial's dimensions are drawn. */
    final Sizes sizes;
    /** Decomposed symbols drawn exactly, by name. */
    final Map<String, Spectral> spectra = new LinkedHashMap<>();
    /** Whether every symbol can be drawn exactly (else every comparison is in floating point). */
    final boolean exact;
    /** Whether a derived symbol's definition uses a dimension as a number (C = XX^T/n). */
    final boolean definitionsUseDimensions;
    /** The problems of the configuration, each with its path; empty when it compiles. */
    final List<ConfigProblem> problems = new ArrayList<>();
    /** The reference expression, parsed once; null when there is none or it does not parse (a configuration problem). */
    final Expr reference;

    Problem(MatrixConfig config) {
        this.config = config;
        this.sizes = new Sizes(config.dimensions(), problems);
        for (String dim : config.dimensions().names()) {
            symbols.declare(dim, Symbols.Shape.SCALAR, List.of());
        }
        for (int i = 0; i < config.symbols().size(); i++) {
            MatrixConfig.SymbolDecl s = config.symbols().get(i);
            try {
                symbols.declare(s.name(), Symbols.parseShape(s.shape()), s.aliases());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem("symbols[" + i + "].shape", e.getMessage()));
            }
        }
        for (int i = 0; i < config.derived().size(); i++) {
            MatrixConfig.DerivedDecl d = config.derived().get(i);
            String at = "derived[" + i + "]";
            try {
                if (d.definition() != null) {
                    Expr def = Parser.expression(d.definition(), symbols);
                    ShapeChecker checker = new ShapeChecker(symbols);
                    ShapeChecker.MShape shape = checker.shape(def);
                    Symbols.Shape declared = checker.declared(shape);
                    if (declared == null) {
                        problems.add(new ConfigProblem(at + ".definition", "the size of I cannot be told; write I_m, I_k, …"));
                        continue;
                    }
                    symbols.declare(d.name(), declared, d.aliases());
                    definitions.put(d.name(), def);
                } else if ("top-eigenvectors".equals(d.decomposition()) || "top-eigenvalues".equals(d.decomposition())) {
                    Symbols.Shape of = symbols.shape(d.of());
                    if (of == null || of.scalar() || d.count() == null) {
                        problems.add(new ConfigProblem(at + ".of", "needs a square matrix symbol declared before it, and a count"));
                        continue;
                    }
                    symbols.declare(d.name(), "top-eigenvectors".equals(d.decomposition())
                            ? new Symbols.Shape(of.rows(), d.count()) : new Symbols.Shape(d.count(), d.count()), d.aliases());
                } else {
                    problems.add(new ConfigProblem(at, "needs a definition, or decomposition: top-eigenvectors | top-eigenvalues"));
                }
            } catch (AnswerException e) {
                problems.add(new ConfigProblem(at + ".definition", e.getMessage()));
            }
        }
        boolean allExact = true; // definitions always are (a norm to an odd power is a variable of its own)
        for (MatrixConfig.DerivedDecl d : config.derived()) {
            if (!definitions.containsKey(d.name()) && d.decomposition() != null) {
                Spectral s = spectral(d.of());
                if (s == null) {
                    allExact = false;
                } else {
                    spectra.put(d.name(), s);
                }
            }
        }
        for (Spectral s : spectra.values()) { // one matrix cannot be drawn two ways
            allExact &= spectra.values().stream().noneMatch(o -> o.base().equals(s.base()) && o.gram() != s.gram());
        }
        exact = allExact;
        Expr parsed = null;
        if (config.reference() != null) {
            try {
                parsed = Parser.expression(config.reference(), symbols);
            } catch (AnswerException e) {
                // ConfigCheck reports it
            }
        }
        reference = parsed;
        definitionsUseDimensions = definitions.values().stream().anyMatch(this::mentionsDimension)
                || spectra.values().stream().anyMatch(sp -> sp.scalars().stream().anyMatch(this::mentionsDimension));
    }

    /** Whether the expression uses a dimension name as a number (n, 1/n) or names an identity's size (I_k). */
    boolean mentionsDimension(Expr e) {
        if (e instanceof Expr.Sym s && config.dimensions().names().contains(s.name())) {
            return true;
        }
        if (e instanceof Expr.Identity id && !id.dim().isEmpty()) {
            return true;
        }
        for (Expr c : e.children()) {
            if (mentionsDimension(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a scalar computed from the question's symbols can occur in the expression, and with
     * it a dimension in disguise (see {@link Trials}): only a trace, a norm or a scalar symbol make one.
     */
    boolean computesScalars(Expr e) {
        if (e instanceof Expr.Trace || e instanceof Expr.Norm) {
            return true;
        }
        if (e instanceof Expr.Sym s) {
            Symbols.Shape shape = symbols.shape(s.name());
            return shape != null && shape.scalar() && !config.dimensions().names().contains(s.name());
        }
        for (Expr c : e.children()) {
            if (computesScalars(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the expression mentions one of the question's symbols (a matrix, a scalar, a derived one), not only numbers and dimensions. */
    boolean mentionsSymbol(Expr e) {
        if (e instanceof Expr.Sym s) {
            return !config.dimensions().names().contains(s.name());
        }
        for (Expr c : e.children()) {
            if (mentionsSymbol(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How the eigen-decomposition of {@code of} is drawn exactly, or null when it cannot be: a
     * square matrix symbol is drawn as QΛQᵀ; a definition α·YYᵀ or α·YᵀY (α scalar, Y a matrix
     * symbol) as YYᵀ's or YᵀY's with Y = Q·D·Z drawn (Q, Z orthogonal, D diagonal).
     */
    private Spectral spectral(String of) {
        Symbols.Shape shape = symbols.shape(of);
        if (shape == null || shape.scalar()) {
            return null;
        }
        if (!definitions.containsKey(of)) {
            return isDrawn(of) && shape.rows().equals(shape.cols()) ? new Spectral(of, false, false, List.of()) : null;
        }
        List<Expr> scalars = new ArrayList<>();
        List<Expr> matrices = new ArrayList<>();
        try {
            factors(definitions.get(of), scalars, matrices);
        } catch (AnswerException e) {
            return null;
        }
        if (matrices.size() != 2) {
            return null;
        }
        Expr a = matrices.get(0);
        Expr b = matrices.get(1);
        if (a instanceof Expr.Sym y && b instanceof Expr.Transpose t && t.x().equals(y) && isDrawn(y.name())) {
            return new Spectral(y.name(), true, false, scalars);
        }
        if (b instanceof Expr.Sym y && a instanceof Expr.Transpose t && t.x().equals(y) && isDrawn(y.name())
                && !config.centre().contains(y.name())) { // a centred Y's right singular vectors would need square roots
            return new Spectral(y.name(), true, true, scalars);
        }
        return null;
    }

    private boolean isDrawn(String name) {
        return config.symbols().stream().anyMatch(s -> s.name().equals(name));
    }

    /** The factors of a product (through minus signs and divisions by scalars), scalars apart. */
    private void factors(Expr e, List<Expr> scalars, List<Expr> matrices) throws AnswerException {
        if (e instanceof Expr.Product p) {
            for (Expr x : p.factors()) {
                factors(x, scalars, matrices);
            }
        } else if (e instanceof Expr.Neg n) {
            scalars.add(new Expr.Num(-1));
            factors(n.x(), scalars, matrices);
        } else if (e instanceof Expr.Div d) {
            factors(d.num(), scalars, matrices);
            scalars.add(new Expr.Inverse(d.den()));
        } else if (new ShapeChecker(symbols).shape(e).scalar()) {
            scalars.add(e);
        } else {
            matrices.add(e);
        }
    }

    /**
     * An eigen-decomposition drawn exactly.
     *
     * @param base            the matrix symbol drawn with a known decomposition
     * @param gram            the decomposition is of α·YYᵀ or α·YᵀY for Y = base; else of base itself
     * @param transposedFirst α·YᵀY rather than α·YYᵀ
     * @param scalars         the factors of α
     */
    record Spectral(String base, boolean gram, boolean transposedFirst, List<Expr> scalars) {
    }

    /**
     * Whether a matrix symbol is drawn symmetric: a square one that a decomposition is taken of
     * directly (its eigenvectors are only orthonormal, and its eigenvalues only real, when it is).
     * The exact and the floating-point draws agree on this.
     */
    boolean drawnSymmetric(String name) {
        Symbols.Shape shape = symbols.shape(name);
        return isDrawn(name) && shape != null && !shape.scalar() && shape.rows().equals(shape.cols())
                && config.derived().stream().anyMatch(d -> d.decomposition() != null && name.equals(d.of()));
    }
}
