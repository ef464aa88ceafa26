package dev.assay.plugins.matrix;

import dev.assay.plugins.matrix.Lexer.Kind;
import dev.assay.plugins.matrix.Lexer.Token;
import java.util.ArrayList;
import java.util.List;

/** Recursive descent over {@link Lexer}'s tokens, bounded in depth. */
public final class Parser {
    static final int MAX_DEPTH = 100;
    static final int MAX_POWER = 8;

    private final List<Token> tokens;
    private final Lexer.Lexed lexed;
    private int pos;
    private int depth;
    private int normDepth;

    private Parser(List<Token> tokens, Lexer.Lexed lexed) {
        this.tokens = tokens;
        this.lexed = lexed;
    }

    /** One expression (no '='). */
    public static Expr expression(String text, Symbols symbols) throws AnswerException {
        List<Expr> sides = sides(text, symbols);
        if (sides.size() != 1) {
            throw new AnswerException("PARSE_ERROR", "Write one expression, without '='.");
        }
        return sides.get(0);
    }

    /** The sides of {@code a = b = c}; one side when there is no '='. */
    public static List<Expr> sides(String text, Symbols symbols) throws AnswerException {
        Lexer.Lexed lexed = Lexer.lex(text, symbols);
        List<Token> all = lexed.tokens();
        List<Expr> sides = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : all) {
            if (t.kind() == Kind.EQ || t.kind() == Kind.END) {
                current.add(new Token(Kind.END, "", t.pos()));
                if (current.size() == 1) {
                    if (t.kind() == Kind.EQ && sides.isEmpty()) {
                        sides.add(null); // "= rhs": continues the line before
                        current = new ArrayList<>();
                        continue;
                    }
                    throw new AnswerException("PARSE_ERROR", "Something is missing " + (t.kind() == Kind.EQ
                            ? "before '='." : "at the end."));
                }
                Parser p = new Parser(current, lexed);
                Expr e = p.expr();
                if (p.peek().kind() != Kind.END) {
                    throw p.error("Unexpected " + describe(p.peek()) + ".");
                }
                sides.add(e);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        return sides;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean accept(Kind k) {
        if (peek().kind() == k) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(Kind k, String what) throws AnswerException {
        if (!accept(k)) {
            throw error("Expected " + what + " but found " + describe(peek()) + ".");
        }
    }

    /** A parse error where the parser stands: the message, then where, so that the student can find it. */
    private AnswerException error(String message) {
        return errorAt(message, peek());
    }

    private AnswerException errorAt(String message, Token at) {
        return new AnswerException("PARSE_ERROR", message + " (at “" + lexed.at(at) + "”)");
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case END -> "the end of the expression (is a bracket not closed?)";
            case RPAREN -> "')' without its '('";
            default -> "'" + t.text() + "'";
        };
    }

    private void enter() throws AnswerException {
        if (++depth > MAX_DEPTH) {
            throw error("The expression is nested more than " + MAX_DEPTH + " levels deep.");
        }
    }

    private Expr expr() throws AnswerException {
        enter();
        List<Expr> terms = new ArrayList<>();
        boolean negative = false;
        if (accept(Kind.MINUS)) {
            negative = true;
        } else {
            accept(Kind.PLUS);
        }
        Expr t = term();
        terms.add(negative ? new Expr.Neg(t) : t);
        while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
            boolean minus = next().kind() == Kind.MINUS;
            Expr u = term();
            terms.add(minus ? new Expr.Neg(u) : u);
        }
        depth--;
        return terms.size() == 1 ? terms.get(0) : new Expr.Sum(terms);
    }

    private boolean startsAtom(Kind k) {
        return switch (k) {
            case NUM, SYM, IDENTITY, LPAREN, FRAC, TRACE, INV_FN, TRANSPOSE_FN -> true;
            case NORM -> normDepth == 0;
            default -> false;
        };
    }

    private Expr term() throws AnswerException {
        enter();
        List<Expr> factors = new ArrayList<>();
        factors.add(unary());
        while (true) {
            Kind k = peek().kind();
            if (k == Kind.STAR) {
                next();
                factors.add(unary());
            } else if (k == Kind.SLASH) {
                next();
                Expr den = unary();
                Expr num = factors.size() == 1 ? factors.get(0) : new Expr.Product(factors);
                factors = new ArrayList<>(List.of(new Expr.Div(num, den)));
            } else if (startsAtom(k)) {
                factors.add(postfix());
            } else {
                break;
            }
        }
        depth--;
        return factors.size() == 1 ? factors.get(0) : new Expr.Product(factors);
    }

    private Expr unary() throws AnswerException {
        if (accept(Kind.MINUS)) {
            enter();
            Expr e = new Expr.Neg(unary());
            depth--;
            return e;
        }
        return postfix();
    }

    private Expr postfix() throws AnswerException {
        Expr e = atom();
        while (true) {
            if (accept(Kind.TRANSPOSE)) {
                e = new Expr.Transpose(e);
            } else if (accept(Kind.INVERSE)) {
                e = new Expr.Inverse(e);
            } else if (peek().kind() == Kind.CARET) {
                next();
                e = power(e);
            } else {
                return e;
            }
        }
    }

    private Expr power(Expr base) throws AnswerException {
        if (accept(Kind.TRANSPOSE)) {
            return new Expr.Transpose(base);
        }
        if (accept(Kind.INVERSE)) {
            return new Expr.Inverse(base);
        }
        boolean braced = accept(Kind.LBRACE);
        Token t = next();
        if (t.kind() != Kind.NUM || !t.text().matches("[0-9]+")) {
            throw errorAt("After '^' write T (transpose), -1 (inverse) or a whole number, not " + describe(t) + ".", t);
        }
        if (braced) {
            expect(Kind.RBRACE, "'}'");
        }
        long n = Long.parseLong(t.text());
        if (n > MAX_POWER || n < 1) {
            throw errorAt("The power " + t.text() + " is out of range: powers from 1 to " + MAX_POWER + " are understood.", t);
        }
        return n == 1 ? base : new Expr.Power(base, (int) n);
    }

    private Expr group(Kind open, Kind close, String closeText) throws AnswerException {
        expect(open, open == Kind.LBRACE ? "'{'" : "'('");
        Expr e = expr();
        expect(close, closeText);
        return e;
    }

    private Expr argument() throws AnswerException {
        if (peek().kind() == Kind.LPAREN) {
            return group(Kind.LPAREN, Kind.RPAREN, "')'");
        }
        if (peek().kind() == Kind.LBRACE) {
            return group(Kind.LBRACE, Kind.RBRACE, "'}'");
        }
        return postfix();
    }

    private Expr atom() throws AnswerException {
        enter();
        Token t = next();
        Expr e = switch (t.kind()) {
            case NUM -> {
                try {
                    yield new Expr.Num(Double.parseDouble(t.text()));
                } catch (NumberFormatException ex) {
                    throw errorAt("'" + t.text() + "' is not a number.", t);
                }
            }
            case SYM -> new Expr.Sym(t.text());
            case IDENTITY -> new Expr.Identity(t.text());
            case LPAREN -> {
                Expr inner = expr();
                expect(Kind.RPAREN, "')'");
                yield inner;
            }
            case LBRACE -> {
                Expr inner = expr();
                expect(Kind.RBRACE, "'}'");
                yield inner;
            }
            case FRAC -> {
                Expr num = group(Kind.LBRACE, Kind.RBRACE, "'}'");
                Expr den = group(Kind.LBRACE, Kind.RBRACE, "'}'");
                yield new Expr.Div(num, den);
            }
            case TRACE -> new Expr.Trace(argument());
            case INV_FN -> new Expr.Inverse(argument());
            case TRANSPOSE_FN -> new Expr.Transpose(argument());
            case NORM -> {
                normDepth++;
                Expr inner = expr();
                normDepth--;
                expect(Kind.NORM, "the closing ‖");
                yield new Expr.Norm(inner);
            }
            default -> throw errorAt("Unexpected " + describe(t) + ".", t);
        };
        depth--;
        return e;
    }
}
