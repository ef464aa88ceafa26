package dev.assay.plugins.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns LaTeX or ASCII into tokens. LaTeX is first normalised: wrappers, sizing and spacing
 * commands, fonts and the many spellings of transpose, trace and norm are reduced to one form each.
 */
final class Lexer {
    enum Kind { NUM, SYM, IDENTITY, LPAREN, RPAREN, LBRACE, RBRACE, PLUS, MINUS, STAR, SLASH, CARET, TRANSPOSE,
        INVERSE, NORM, FRAC, TRACE, INV_FN, TRANSPOSE_FN, EQ, COMMA, END }

    record Token(Kind kind, String text, int pos) {
    }

    static final int MAX_LENGTH = 4000;
    static final int MAX_TOKENS = 2000;
    private static final char T = '⊤';
    private static final char INV = '⁻';
    private static final char NORM = '‖';

    private static final Pattern FONT = Pattern.compile("\\\\(?:mathbf|boldsymbol|bm|mathit|mathrm|mathsf|text|textbf|operatorname|mathbb|mathcal)\\s*\\{([^{}]*)\\}");
    private static final Pattern BRACED_SUB = Pattern.compile("_\\{\\s*([A-Za-z0-9]+)\\s*\\}");
    private static final Pattern WORD = Pattern.compile("\\\\?[A-Za-z]+");
    private static final Pattern IDENTITY_NAME = Pattern.compile("I(?:_([A-Za-z0-9]+))?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z](?:_[A-Za-z0-9]+)?");
    private static final Pattern BRACED_SUP = Pattern.compile("\\^\\{\\s*([A-Za-z0-9])\\s*\\}");

    private Lexer() {
    }

    // normalise's rewrites, compiled once: compiling them on every call cost more than the rest of grading
    private static final Pattern SIZING = Pattern.compile("\\\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg|displaystyle|textstyle)(?![A-Za-z])");
    private static final Pattern SPACING = Pattern.compile("\\\\(?:quad|qquad)(?![A-Za-z])|\\\\[,;:! ]|~");
    private static final Pattern NORM_BARS = Pattern.compile("\\\\(?:lVert|rVert|Vert)(?![A-Za-z])|\\\\\\||\\|\\||∥");
    private static final Pattern TIMES = Pattern.compile("\\\\(?:cdot|times|ast)(?![A-Za-z])|·|×");
    private static final Pattern TRANSPOSE_COMMAND = Pattern.compile(
            "\\\\(?:top|intercal)(?![A-Za-z])|\\\\(?:mathsf|mathrm|text|textsf|mathit)\\s*(?:\\{\\s*T\\s*\\}|T(?![a-z]))");
    private static final Pattern TRACE_COMMAND = Pattern.compile("\\\\(?:operatorname|mathrm|text)\\s*\\{\\s*(?:tr|Tr|trace|Trace)\\s*\\}|\\\\(?:tr|Tr)(?![A-Za-z])");
    private static final Pattern FRAC_VARIANT = Pattern.compile("\\\\[td]frac(?![A-Za-z])");
    private static final Pattern INVERSE_TRANSPOSE = Pattern.compile("\\^\\s*\\{\\s*-\\s*(?:1\\s*)?[T" + T + "]\\s*\\}|\\^\\s*-\\s*[T" + T + "]");
    private static final Pattern INVERSE = Pattern.compile("\\^\\s*\\{\\s*-\\s*1\\s*\\}|\\^\\s*-\\s*1(?![0-9])");
    // ^T binds one token, as in LaTeX: A^TB is A transposed times B (the letter after T starts a new factor)
    private static final Pattern TRANSPOSE_POWER = Pattern.compile("\\^\\s*\\{\\s*[T" + T + "'] *\\}|\\^\\s*" + T + "|\\^\\s*T(?!_)");
    private static final Pattern DOT_T = Pattern.compile("\\.T(?![A-Za-z_])");
    private static final Pattern FROBENIUS_SUBSCRIPT = Pattern.compile(NORM + "\\s*_\\s*(?:\\{\\s*F\\s*\\}|F)");

    /** I_{k×k}, I_{k,k}: the identity of size k. */
    private static final Pattern SIZED_IDENTITY = Pattern.compile(
            "I_\\{\\s*([A-Za-z0-9]+)\\s*(?:\\*|x|,)\\s*\\1\\s*\\}");
    /** 0_{k×m}, 0_k: zero, of the size the context needs (the product or sum it is in, or the equation's other side). */
    private static final Pattern SIZED_ZERO = Pattern.compile("(?<![0-9.])0_(?:\\{[^{}]*\\}|[A-Za-z0-9])");
    private static final Pattern SUBSCRIPT_DIGITS = Pattern.compile("[₀-₉]+");

    /** W₁₂ as typed from copied text: the digits of the subscript. */
    private static String subscriptDigits(String subscript) {
        StringBuilder b = new StringBuilder();
        subscript.chars().forEach(c -> b.append((char) ('0' + (c - '₀'))));
        return b.toString();
    }

    /** One canonical text for the many ways of writing the same thing. */
    static String normalise(String in) {
        // each rewrite runs only where its first character occurs: most answers have no commands, no Unicode, no '|'
        String s = in;
        s = s.replace("$$", " ").replace("$", " ").replace("\\[", " ").replace("\\]", " ").replace("\\(", "(").replace("\\)", ")");
        boolean commands = s.indexOf('\\') >= 0;
        if (commands) {
            s = SIZING.matcher(s).replaceAll("");
        }
        if (commands || s.indexOf('~') >= 0) {
            s = SPACING.matcher(s).replaceAll(" ");
        }
        if (commands || s.indexOf('|') >= 0 || s.indexOf('∥') >= 0) {
            s = NORM_BARS.matcher(s).replaceAll(String.valueOf(NORM));
        }
        if (commands || s.indexOf('·') >= 0 || s.indexOf('×') >= 0) {
            s = TIMES.matcher(s).replaceAll("*");
        }
        if (commands) {
            s = TRANSPOSE_COMMAND.matcher(s).replaceAll(String.valueOf(T));
            s = TRACE_COMMAND.matcher(s).replaceAll(" tr ");
            s = FRAC_VARIANT.matcher(s).replaceAll("\\\\frac");
        }
        s = s.replace("−", "-").replace("⁻¹", "^{-1}").replace("ᵀ", "^" + T);
        if (s.chars().anyMatch(c -> c >= '₀' && c <= '₉')) {
            s = SUBSCRIPT_DIGITS.matcher(s).replaceAll(m -> "_{" + subscriptDigits(m.group()) + "}");
        }
        if (commands) {
            String before;
            do {
                before = s;
                s = FONT.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
            } while (!s.equals(before));
        }
        if (s.contains("_{")) {
            s = SIZED_IDENTITY.matcher(s).replaceAll("I_{$1}");
            s = SIZED_ZERO.matcher(s).replaceAll("0");
            s = BRACED_SUB.matcher(s).replaceAll("_$1");
        } else if (s.contains("0_")) {
            s = SIZED_ZERO.matcher(s).replaceAll("0");
        }
        if (s.indexOf('^') >= 0) {
            s = INVERSE_TRANSPOSE.matcher(s).replaceAll("^" + INV + "^" + T);
            s = INVERSE.matcher(s).replaceAll(String.valueOf(INV));
            s = TRANSPOSE_POWER.matcher(s).replaceAll(String.valueOf(T));
            s = BRACED_SUP.matcher(s).replaceAll("^$1");
        }
        s = s.replace("'", String.valueOf(T));
        if (s.contains(".T")) {
            s = DOT_T.matcher(s).replaceAll(String.valueOf(T));
        }
        if (s.indexOf(NORM) >= 0) {
            s = FROBENIUS_SUBSCRIPT.matcher(s).replaceAll(String.valueOf(NORM));
        }
        return s;
    }

    /** The place of an unknown symbol, as the student can find it: the text around it, the symbol marked. */
    private static String where(String s, int from, int to) {
        int start = Math.max(0, from - 12);
        int end = Math.min(s.length(), to + 12);
        return (start > 0 ? "…" : "") + s.substring(start, from).stripLeading() + "⟨" + s.substring(from, to) + "⟩"
                + s.substring(to, end).stripTrailing() + (end < s.length() ? "…" : "");
    }

    /** A question's symbol the unknown one may have meant (W for W_1, w_1 for W_1, W3 for W_3), or null. */
    static String suggestion(String unknown, Symbols symbols) {
        String letter = unknown.substring(0, 1);
        List<String> close = new ArrayList<>();
        for (String name : symbols.names()) {
            String plain = name.replace("{", "").replace("}", "");
            if (plain.equalsIgnoreCase(unknown) || plain.replace("_", "").equalsIgnoreCase(unknown.replace("_", ""))
                    || plain.startsWith(letter + "_") && unknown.length() == 1) {
                close.add(name);
            }
        }
        return close.isEmpty() ? null : String.join("$ or $", close);
    }

    /** An answer's tokens, with the text they were read from (normalised) for saying where something stands. */
    record Lexed(String text, List<Token> tokens) {
        /** Where a token stands, the token marked, in the text around it. */
        String at(Token t) {
            int from = Math.min(t.pos(), text.length());
            return where(text, from, Math.min(text.length(), from + t.text().length()));
        }
    }

    static List<Token> tokens(String raw, Symbols symbols) throws AnswerException {
        return lex(raw, symbols).tokens();
    }

    static Lexed lex(String raw, Symbols symbols) throws AnswerException {
        if (raw.length() > MAX_LENGTH) {
            throw new AnswerException("PARSE_ERROR", "The expression is " + raw.length() + " characters long; the limit is "
                    + MAX_LENGTH + ".");
        }
        String s = normalise(raw);
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (out.size() > MAX_TOKENS) {
                throw new AnswerException("PARSE_ERROR", "The expression is too long to read (over " + MAX_TOKENS + " symbols).");
            }
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                if (j - i > 15) {
                    throw new AnswerException("PARSE_ERROR", "The number " + s.substring(i, j) + " is too long.");
                }
                out.add(new Token(Kind.NUM, s.substring(i, j), i));
                i = j;
                continue;
            }
            Kind single = switch (c) {
                case '(', '[' -> Kind.LPAREN;
                case ')', ']' -> Kind.RPAREN;
                case '{' -> Kind.LBRACE;
                case '}' -> Kind.RBRACE;
                case '+' -> Kind.PLUS;
                case '-' -> Kind.MINUS;
                case '*' -> Kind.STAR;
                case '/' -> Kind.SLASH;
                case '^' -> Kind.CARET;
                case T -> Kind.TRANSPOSE;
                case INV -> Kind.INVERSE;
                case NORM -> Kind.NORM;
                case '=' -> Kind.EQ;
                case ',' -> Kind.COMMA;
                default -> null;
            };
            if (single != null) {
                out.add(new Token(single, String.valueOf(c), i));
                i++;
                continue;
            }
            String spelling = symbols.match(s, i);
            if (spelling != null) {
                out.add(new Token(Kind.SYM, symbols.nameOf(spelling), i));
                i += spelling.length();
                continue;
            }
            if (s.startsWith("\\frac", i)) {
                out.add(new Token(Kind.FRAC, "\\frac", i));
                i += 5;
                continue;
            }
            Matcher word = WORD.matcher(s).region(i, s.length());
            if (word.lookingAt()) {
                String w = word.group();
                int end = word.end();
                switch (w) {
                    case "tr", "trace", "Tr" -> {
                        out.add(new Token(Kind.TRACE, w, i));
                        i = end;
                        continue;
                    }
                    case "inv" -> {
                        out.add(new Token(Kind.INV_FN, w, i));
                        i = end;
                        continue;
                    }
                    case "transpose" -> {
                        out.add(new Token(Kind.TRANSPOSE_FN, w, i));
                        i = end;
                        continue;
                    }
                    default -> {
                    }
                }
                if (c == 'I' && !symbols.has("I")) {
                    Matcher sub = IDENTITY_NAME.matcher(s).region(i, s.length());
                    sub.lookingAt();
                    out.add(new Token(Kind.IDENTITY, sub.group(1) == null ? "" : sub.group(1), i));
                    i = sub.end();
                    continue;
                }
                if (w.startsWith("\\")) {
                    throw new AnswerException("PARSE_ERROR", "The command " + w + " is not one this question understands"
                            + " (known symbols: " + String.join(", ", symbols.names()) + ").");
                }
                Matcher ident = IDENTIFIER.matcher(s).region(i, s.length());
                ident.lookingAt();
                throw new AnswerException("UNKNOWN_SYMBOL", Wording.unknownSymbol(ident.group(), where(s, i, ident.end()),
                        symbols.names(), suggestion(ident.group(), symbols)));
            }
            throw new AnswerException("PARSE_ERROR", "The character '" + c + "' cannot be read here.");
        }
        out.add(new Token(Kind.END, "", s.length()));
        return new Lexed(s, out);
    }
}
