package dev.assay.plugins.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random well-formed expression trees over hw7 3.b's symbols, each rendered in a random mix of the
 * styles students write (spacing, ^T / ^\top / ' / ^{\mathsf T} / ᵀ, braces or not, \left( and
 * \bigl(, \cdot, ×, \mathbf, subscripts as W_{1}, W1 or W₁, Unicode minus, \|…\|_F or ‖…‖, wrappers,
 * a gradient's name before, '= 0' or prose after): every rendering must read back to the same tree.
 */
class ReadingRoundTripTest {
    private static final Symbols SYMBOLS = new Symbols();

    static {
        for (String d : List.of("m", "n", "k")) {
            SYMBOLS.declare(d, Symbols.Shape.SCALAR, List.of());
        }
        SYMBOLS.declare("X", Symbols.parseShape("m x n"), List.of());
        SYMBOLS.declare("W_1", Symbols.parseShape("k x m"), List.of("W1"));
        SYMBOLS.declare("W_2", Symbols.parseShape("m x k"), List.of("W2"));
    }

    @Property(tries = 10_000)
    void everyRenderingReadsBackToTheSameTree(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        Expr tree = tree(random, 4, false);
        String typed = new Renderer(random).answer(tree);
        List<Expr> chain;
        try {
            chain = Reader.read(typed, SYMBOLS, Map.of()).chain().sides();
        } catch (AnswerException e) {
            throw new AssertionError(typed + "\n  written " + Latex.of(tree) + "\n  not read: " + e.getMessage(), e);
        }
        assertThat(chain).as(typed).hasSize(1);
        assertThat(chain.get(0)).as(typed + "\n  read as " + Latex.of(chain.get(0)) + "\n  written " + Latex.of(tree))
                .isEqualTo(tree);
    }

    // ------------------------------------------------------------------ trees, in the form the parser builds them

    private static Expr tree(Random r, int depth, boolean insideNorm) {
        int kind = depth <= 0 ? r.nextInt(2) : r.nextInt(11);
        return switch (kind) {
            case 0 -> new Expr.Sym(List.of("X", "W_1", "W_2").get(r.nextInt(3)));
            case 1 -> r.nextInt(5) == 0 ? new Expr.Identity("") : new Expr.Sym(List.of("X", "W_1", "W_2").get(r.nextInt(3)));
            case 2, 3 -> {
                List<Expr> terms = new ArrayList<>();
                int n = 2 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    Expr t = tree(r, depth - 1, insideNorm);
                    terms.add(r.nextInt(3) == 0 && !(t instanceof Expr.Neg) ? new Expr.Neg(t) : t);
                }
                yield new Expr.Sum(terms);
            }
            case 4, 5 -> {
                List<Expr> factors = new ArrayList<>();
                if (r.nextInt(3) == 0) {
                    factors.add(new Expr.Num(2 + r.nextInt(8)));
                }
                int n = 2 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    factors.add(tree(r, depth - 1, insideNorm));
                }
                yield new Expr.Product(factors);
            }
            case 6 -> new Expr.Transpose(tree(r, depth - 1, insideNorm));
            case 7 -> r.nextBoolean() ? new Expr.Inverse(tree(r, depth - 1, insideNorm))
                    : new Expr.Power(tree(r, depth - 1, insideNorm), 2 + r.nextInt(3));
            case 8 -> new Expr.Trace(tree(r, depth - 1, insideNorm));
            case 9 -> insideNorm ? new Expr.Neg(tree(r, depth - 1, true))
                    : new Expr.Power(new Expr.Norm(tree(r, depth - 1, true)), 2);
            default -> {
                Expr x = tree(r, depth - 1, insideNorm);
                yield r.nextBoolean() && !(x instanceof Expr.Neg) ? new Expr.Neg(x)
                        : new Expr.Div(x, new Expr.Num(2 + r.nextInt(8)));
            }
        };
    }

    // ------------------------------------------------------------------ rendering, in a random mix of styles

    private static final class Renderer {
        private final Random r;

        Renderer(Random r) {
            this.r = r;
        }

        private String pick(String... options) {
            return options[r.nextInt(options.length)];
        }

        String answer(Expr e) {
            String maths = render(e, 0);
            String prefix = pick("", "", "\\nabla_{W_1} L = ", "\\frac{\\partial L}{\\partial W_1} = ", "The answer is ");
            String suffix = pick("", "", " = 0", ".", " \\quad (2)", ", which is the gradient.", " \\tag{1}");
            String whole = prefix + maths + suffix;
            return switch (r.nextInt(7)) {
                case 0 -> "$" + whole + "$";
                case 1 -> "$$" + whole + "$$";
                case 2 -> "\\[" + whole + "\\]";
                case 3 -> "\\boxed{" + whole + "}";
                case 4 -> "\\begin{aligned} & " + whole + " \\end{aligned}";
                default -> whole;
            };
        }

        private String open(String inner) {
            return switch (r.nextInt(5)) {
                case 0 -> "\\left(" + inner + "\\right)";
                case 1 -> "\\bigl(" + inner + "\\bigr)";
                case 2 -> "[" + inner + "]";
                default -> "(" + inner + ")";
            };
        }

        private String symbol(String name) {
            return switch (name) {
                case "X" -> pick("X", "\\mathbf{X}", "\\boldsymbol{X}");
                case "W_1" -> pick("W_1", "W_{1}", "W1", "W₁", "\\mathbf{W}_1", "\\mathbf{W}_{1}");
                default -> pick("W_2", "W_{2}", "W2", "W₂", "\\mathbf{W}_2");
            };
        }

        private String minus() {
            return pick("-", "-", "−");
        }

        /** An operand of a postfix operator: an atom, else bracketed. */
        private String base(Expr e) {
            String s = render(e, 3);
            return e instanceof Expr.Sym || e instanceof Expr.Identity || e instanceof Expr.Trace || e instanceof Expr.Div
                    ? s : open(render(e, 0));
        }

        /** Precedence: 0 sum, 1 product, 2 factor of a product, 3 operand of a postfix operator. */
        private String render(Expr e, int outer) {
            if (e instanceof Expr.Sym s) {
                return symbol(s.name());
            }
            if (e instanceof Expr.Num n) {
                return String.valueOf((long) n.value());
            }
            if (e instanceof Expr.Identity) {
                return pick("I", "\\mathbf{I}", "I");
            }
            if (e instanceof Expr.Sum sum) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < sum.terms().size(); i++) {
                    Expr t = sum.terms().get(i);
                    String sp = pick("", " ");
                    if (t instanceof Expr.Neg neg) {
                        b.append(i == 0 ? minus() : sp + minus() + sp).append(render(neg.x(), 1));
                    } else {
                        b.append(i == 0 ? "" : sp + "+" + sp).append(render(t, 1));
                    }
                }
                return outer > 0 ? open(b.toString()) : b.toString();
            }
            if (e instanceof Expr.Product p) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < p.factors().size(); i++) {
                    if (i > 0) {
                        b.append(pick(" ", " ", "", " \\cdot ", "\\cdot ", " * ", " · ", " \\times "));
                    }
                    b.append(render(p.factors().get(i), 2));
                }
                return outer > 1 ? open(b.toString()) : b.toString();
            }
            if (e instanceof Expr.Neg n) {
                String s = minus() + render(n.x(), n.x() instanceof Expr.Product ? 1 : 2);
                return outer > 0 ? open(s) : s;
            }
            if (e instanceof Expr.Transpose t) {
                return base(t.x()) + pick("^T", "^{T}", "^\\top ", "^{\\top}", "'", "^{\\mathsf T}", "^{\\mathsf{T}}", "ᵀ", "^⊤",
                        "^\\intercal ");
            }
            if (e instanceof Expr.Inverse inv) {
                return r.nextInt(4) == 0 ? " inv" + open(render(inv.x(), 0)) : base(inv.x()) + pick("^{-1}", "^{−1}", "⁻¹");
            }
            if (e instanceof Expr.Power pw) {
                if (pw.x() instanceof Expr.Norm norm) {
                    String inner = render(norm.x(), 0);
                    return switch (r.nextInt(3)) {
                        case 0 -> "\\|" + inner + "\\|_F^2";
                        case 1 -> "\\lVert " + inner + " \\rVert_{F}^{2}";
                        default -> "‖" + inner + "‖^2";
                    };
                }
                return base(pw.x()) + pick("^" + pw.exponent(), "^{" + pw.exponent() + "}");
            }
            if (e instanceof Expr.Trace t) {
                return pick("\\operatorname{tr}", "\\mathrm{tr}", " tr", "tr", "\\text{tr}", "\\operatorname{Tr}") + open(render(t.x(), 0));
            }
            if (e instanceof Expr.Div d) {
                return pick("\\frac", "\\dfrac", "\\tfrac") + "{" + render(d.num(), 0) + "}{" + render(d.den(), 0) + "}";
            }
            throw new IllegalStateException(String.valueOf(e));
        }
    }
}
