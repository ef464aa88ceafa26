package dev.assay.plugins.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an answer is read, in one place, before anything is parsed: what students copy from their
 * notes, a PDF or a chat is reduced to statements the parser reads, and their own abbreviations
 * ({@code where R = …}, {@code let R = …}, a line {@code R = …}) become definitions that are
 * shape-checked and substituted. Wrappers ({@code $…$}, {@code \boxed}, {@code aligned} with
 * {@code &} and {@code \\}, {@code \quad (2)}, {@code \tag}), remarks ({@code \text{…}}, prose
 * before or after the maths), trailing punctuation and several assignments on one line are read
 * here; how single symbols are spelt ({@code ^\top}, {@code ᵀ}, {@code W₂}, {@code −}) is
 * {@link Lexer#normalise}. Nothing is guessed: a word that is not prose, or a symbol that is not
 * known or defined, is still refused by the parser, naming it.
 */
final class Reader {
    private static final Pattern ENVIRONMENT = Pattern.compile(
            "\\\\(?:begin|end)\\s*\\{\\s*(?:aligned|align\\*?|gathered|gather\\*?|split|equation\\*?|array|cases|multline\\*?)\\s*\\}(?:\\s*\\{[lcr|]*\\})?");
    private static final Pattern LINE_BREAK = Pattern.compile(
            "\\r?\\n|\\\\\\\\(?:\\s*\\[[^\\]]*\\])?|;");
    /** "a ⇒ b": b is a consequence, a statement of its own; in expression mode only what comes before it is the answer. */
    private static final Pattern IMPLICATION = Pattern.compile(
            "\\\\(?:Rightarrow|implies|Longrightarrow|iff|Leftrightarrow)(?![A-Za-z])|⇒|⟹|⇔");
    private static final String CONSEQUENCE = "⇒";
    private static final Pattern TAG = Pattern.compile(
            "\\\\tag\\*?\\s*\\{[^{}]*\\}|\\\\q?quad\\s*\\(\\s*[0-9.]+[a-z]?\\s*\\)\\s*[.,;]?\\s*$");
    private static final Pattern TEXT = Pattern.compile("\\\\(?:text|textrm|textnormal|mbox|textit)\\s*\\{([^{}]*)\\}");
    private static final Pattern KEYWORD = Pattern.compile("(?<![A-Za-z\\\\])(?:[Ww]here|[Ll]et|[Ww]ith)(?![A-Za-z])");
    private static final Pattern SEPARATOR = Pattern.compile(
            ",|(?<![A-Za-z\\\\])and(?![A-Za-z])|\\\\q?quad(?![A-Za-z])|\\\\text\\s*\\{\\s*and\\s*\\}");
    /** A word of two letters or more; not a command's name, a subscript, a braced argument, or a superscript (^Ttr: ^T, then tr). */
    private static final Pattern WORD = Pattern.compile("(?<![A-Za-z\\\\_{^])[A-Za-z]{2,}(?![A-Za-z])");
    private static final Pattern DEFINITION = Pattern.compile(
            "\\s*((?:[A-Za-z]|\\\\(?!nabla|partial|frac|operatorname|mathbf|left|right)[A-Za-z]+)(?:_\\{?[A-Za-z0-9]+\\}?)?)\\s*=(.*)", Pattern.DOTALL);
    /** Names that mean something already: the identity, a transpose. "I = …" on a line of its own is an equation, not a definition. */
    private static final Set<String> RESERVED = Set.of("I", "T");
    private static final Set<String> FUNCTIONS = Set.of("tr", "Tr", "trace", "Trace", "inv", "transpose");
    /** Two-letter words that open or continue prose (a two-letter product such as "ab" is maths). */
    private static final Set<String> SHORT_WORDS = Set.of("is", "as", "of", "by", "so", "if", "in", "on", "at", "to", "we",
            "it", "be", "or", "an", "Is", "As", "So", "If", "In", "On", "At", "To", "We", "It", "Or", "An");
    private static final Pattern LEFT_SIDE = Pattern.compile(
            "\\\\nabla|\\\\partial|∇|∂|\\bgrad\\b|\\bnabla\\b|\\\\frac\\s*\\{\\s*d|\\bd\\s*L\\s*/|\\bdL\\b");
    private static final Pattern BOX = Pattern.compile("\\\\(?:boxed|fbox|bbox)\\s*(?:\\[[^\\]]*\\])?\\s*\\{");
    private static final String PUNCTUATION = "[\\s,.;:!?(\\[]+";

    private Reader() {
    }

    /** A definition the student made: its name, as typed, and its value as text. */
    private record Definition(String name, String value) {
    }

    /** A statement's sides: as written (with the student's abbreviations), and as graded (with them substituted). */
    record Statement(List<Expr> written, List<Expr> sides) {
        /** The statement as the echo shows it: the sides as written, "= rhs" for a leading '='. */
        String latex() {
            return Answers.lineLatex(written);
        }
    }

    /** The answer read: the statements to grade (one per line) and the student's definitions. */
    static final class Reading {
        private final List<String> statements;
        /** The first statement that follows from those before it ("⇒"); the size of statements for none. */
        private final int firstConsequence;
        private final Symbols symbols;
        private final Map<String, Expr> definitions;
        private final Map<String, Integer> writtenSizes;
        private final List<String> shown;

        private Reading(List<String> statements, int firstConsequence, Symbols symbols, Map<String, Expr> definitions,
                        Map<String, Integer> writtenSizes, List<String> shown) {
            this.statements = statements;
            this.firstConsequence = firstConsequence;
            this.symbols = symbols;
            this.definitions = definitions;
            this.writtenSizes = writtenSizes;
            this.shown = shown;
        }

        List<String> statements() {
            return statements;
        }

        /** The question's symbols and the student's abbreviations. */
        Symbols symbols() {
            return symbols;
        }

        /** The sides of a statement ({@code a = b = c}; null for a leading '='), with the student's definitions substituted. */
        List<Expr> sides(String statement) throws AnswerException {
            return read(statement).sides();
        }

        /** A statement's sides as written (for the echo) and with the student's definitions substituted (to grade). */
        Statement read(String statement) throws AnswerException {
            List<Expr> written = Parser.sides(statement, symbols);
            if (definitions.isEmpty()) {
                return new Statement(written, written);
            }
            List<Expr> out = new ArrayList<>();
            for (Expr side : written) {
                out.add(side == null ? null : substituted(side));
            }
            return new Statement(written, out);
        }

        /**
         * The answer in expression mode: one expression, or a chain of them ({@code a = b = c},
         * lines that continue with '=') whose last is the answer; a gradient's name on the left
         * ({@code \nabla_{W_1} L =}) and a closing {@code = 0} are not part of it.
         */
        Statement chain() throws AnswerException {
            if (firstConsequence == 0) {
                throw new AnswerException("PARSE_ERROR", Wording.nothingToRead());
            }
            StringBuilder joined = new StringBuilder(statements.get(0));
            for (String s : statements.subList(1, firstConsequence)) {
                if (!s.startsWith("=")) {
                    throw new AnswerException("PARSE_ERROR", Wording.oneExpression(firstConsequence));
                }
                joined.append(' ').append(s);
            }
            Statement read = read(dropLeftSide(joined.toString()));
            if (read.sides().get(0) == null) {
                throw new AnswerException("PARSE_ERROR", Wording.nothingBeforeEquals());
            }
            int kept = read.sides().size();
            while (kept > 1 && ShapeChecker.isZero(read.sides().get(kept - 1))) {
                kept--;
            }
            return new Statement(read.written().subList(0, kept), read.sides().subList(0, kept));
        }

        /** The definitions as the echo shows them: "R = …", in the order given; empty for none. */
        List<String> definitionsShown() {
            return shown;
        }

        /** The echo's closing words for the definitions used, or "" for none. */
        String whereClause() {
            return shown.isEmpty() ? "" : " \\quad\\text{where } " + String.join(",\\ ", shown);
        }

        private Expr substituted(Expr e) throws AnswerException {
            if (definitions.isEmpty()) {
                return e;
            }
            if (writtenSize(e) > Lexer.MAX_TOKENS) {
                throw new AnswerException("PARSE_ERROR", Wording.definitionsTooLong(Lexer.MAX_TOKENS));
            }
            return substitute(e);
        }

        private Expr substitute(Expr e) {
            if (e instanceof Expr.Sym s && definitions.containsKey(s.name())) {
                return definitions.get(s.name());
            }
            if (e.children().isEmpty()) {
                return e;
            }
            List<Expr> kids = new ArrayList<>();
            for (Expr c : e.children()) {
                kids.add(substitute(c));
            }
            return e.withChildren(kids);
        }

        /** Symbols, numbers and operations an expression would have written out with every definition substituted. */
        private int writtenSize(Expr e) {
            if (e instanceof Expr.Sym s && writtenSizes.containsKey(s.name())) {
                return writtenSizes.get(s.name());
            }
            int size = e instanceof Expr.Sum || e instanceof Expr.Product ? e.children().size() - 1 : 1;
            for (Expr c : e.children()) {
                size = Math.min(Integer.MAX_VALUE / 2, size + writtenSize(c));
            }
            return size;
        }
    }

    /**
     * Reads an answer: its statements (lines, or what several assignments on one line come to)
     * and definitions. {@code questionDefinitions} are the question's derived symbols: a student
     * who restates one ("where C = ¹⁄ₙXXᵀ") is not defining anything new.
     */
    static Reading read(String raw, Symbols symbols, Map<String, Expr> questionDefinitions) throws AnswerException {
        if (raw.length() > Answers.MAX_LINES * Lexer.MAX_LENGTH) {
            throw new AnswerException("PARSE_ERROR", "The answer is " + raw.length() + " characters long; the limit is "
                    + Answers.MAX_LINES * Lexer.MAX_LENGTH + ".");
        }
        String text = unwrapBoxed(raw).replace("\\[", "\n").replace("\\]", "\n").replace("$$", "$");
        boolean commands = text.indexOf('\\') >= 0; // most rewrites below start with one
        if (commands) {
            text = ENVIRONMENT.matcher(text).replaceAll("\n");
        }
        text = text.replace("&", " ");
        List<String> statements = new ArrayList<>();
        List<Definition> definitions = new ArrayList<>();
        List<Definition> lineDefinitions = new ArrayList<>();
        if (commands || text.indexOf('⇒') >= 0 || text.indexOf('⟹') >= 0 || text.indexOf('⇔') >= 0) {
            text = IMPLICATION.matcher(text).replaceAll("\n" + CONSEQUENCE + " ");
        }
        Set<Integer> consequences = new java.util.HashSet<>();
        for (String rawLine : LINE_BREAK.split(text)) {
            if (rawLine.trim().startsWith(CONSEQUENCE)) {
                consequences.add(statements.size());
                rawLine = rawLine.replace(CONSEQUENCE, " ");
            }
            String line = mathOnly(rawLine);
            if (commands) {
                line = TAG.matcher(line).replaceAll(" ");
            }
            line = remarks(line);
            line = withoutProse(line, symbols);
            Matcher k = KEYWORD.matcher(line);
            String head = k.find() ? line.substring(0, k.start()) : line;
            String clauses = head.length() < line.length() ? line.substring(k.end()) : "";
            head = trimmed(head);
            if (!head.isEmpty()) {
                Matcher d = DEFINITION.matcher(head);
                String name = d.matches() ? canonicalName(d.group(1)) : null;
                if (name != null && !symbols.has(name) && !RESERVED.contains(name) && d.group(2).indexOf('=') < 0) {
                    Definition def = new Definition(name, d.group(2));
                    definitions.add(def);
                    lineDefinitions.add(def);
                } else {
                    statements.addAll(assignments(head));
                }
            }
            for (String piece : KEYWORD.matcher(clauses).replaceAll(",").split(SEPARATOR.pattern())) {
                Matcher d = DEFINITION.matcher(trimmed(piece));
                if (!d.matches()) {
                    continue; // a remark ("where k < m"): prose
                }
                String name = canonicalName(d.group(1));
                if (!symbols.has(name)) {
                    definitions.add(new Definition(name, d.group(2)));
                } else if (!restates(name, d.group(2), symbols, questionDefinitions)) {
                    statements.add(trimmed(piece)); // an assignment or equation of the question's own symbol
                }
            }
        }
        if (statements.isEmpty() && !lineDefinitions.isEmpty()) {
            // "G = …" alone names the answer: G is not an abbreviation used elsewhere
            Definition last = lineDefinitions.get(lineDefinitions.size() - 1);
            definitions.remove(last);
            statements.add(trimmed(last.value()));
        }
        if (statements.size() + definitions.size() > Answers.MAX_LINES) {
            throw new AnswerException("PARSE_ERROR", Wording.tooManyLines());
        }
        int firstConsequence = consequences.stream().mapToInt(Integer::intValue).min().orElse(statements.size());
        return define(statements, firstConsequence, definitions, symbols);
    }

    /** The student's definitions, in order, each shape-checked; each may use the ones before it. */
    private static Reading define(List<String> statements, int firstConsequence, List<Definition> definitions, Symbols question)
            throws AnswerException {
        Symbols symbols = question;
        Map<String, Expr> values = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        List<String> shown = new ArrayList<>();
        for (Definition d : definitions) {
            if (RESERVED.contains(d.name())) {
                throw new AnswerException("PARSE_ERROR", Wording.reservedName(d.name()));
            }
            if (values.containsKey(d.name())) {
                throw new AnswerException("PARSE_ERROR", Wording.definedTwice(d.name()));
            }
            Reading sofar = new Reading(List.of(), 0, symbols, values, sizes, shown);
            Expr written;
            Expr value;
            try {
                written = Parser.expression(trimmed(d.value()), symbols);
                value = sofar.substituted(written);
            } catch (AnswerException e) {
                throw new AnswerException(e.note(), Wording.inDefinition(d.name(), e.getMessage()));
            }
            ShapeChecker checker = new ShapeChecker(question);
            Symbols.Shape shape;
            try {
                shape = checker.declared(checker.shape(value));
            } catch (AnswerException e) {
                throw new AnswerException(e.note(), Wording.inDefinition(d.name(), e.getMessage()));
            }
            if (shape == null) {
                throw new AnswerException("PARSE_ERROR", Wording.inDefinition(d.name(), Wording.identitySizeUnknown()));
            }
            sizes.put(d.name(), sofar.writtenSize(written));
            values.put(d.name(), value);
            symbols = symbols.with(d.name(), shape);
            shown.add(d.name() + " = " + Latex.of(written));
        }
        return new Reading(List.copyOf(statements), firstConsequence, symbols, values, sizes, List.copyOf(shown));
    }

    /** Whether "C = …" only restates the question's own definition of C. */
    private static boolean restates(String name, String value, Symbols symbols, Map<String, Expr> questionDefinitions) {
        Expr own = questionDefinitions.get(name);
        if (own == null) {
            return false;
        }
        try {
            return Latex.of(Parser.expression(trimmed(value), symbols)).equals(Latex.of(own));
        } catch (AnswerException e) {
            return false;
        }
    }

    /** "R_{1}" as "R_1": one spelling per name. */
    private static String canonicalName(String typed) {
        return typed.replace("{", "").replace("}", "").trim();
    }

    /**
     * A line with several assignments or equations ({@code W_1 = U_k^\top, W_2 = U_k}, with a
     * comma, {@code and}, {@code \text{and}} or {@code \quad} between them) as one statement each;
     * any other line as it is.
     */
    static List<String> assignments(String line) {
        if (line.chars().filter(c -> c == '=').count() < 2) {
            return List.of(line);
        }
        List<String> pieces = new ArrayList<>();
        for (String piece : SEPARATOR.split(line)) {
            if (!piece.isBlank()) {
                pieces.add(trimmed(piece));
            }
        }
        boolean eachAnEquation = pieces.size() > 1 && pieces.stream().allMatch(p -> p.indexOf('=') > 0);
        return eachAnEquation ? pieces : List.of(line);
    }

    /**
     * A line with {@code $…$} in it: the maths inside, joined by what stands between that is a
     * keyword ({@code where}, {@code and}) or punctuation; prose before the first maths is
     * dropped, and prose after maths ends the line.
     */
    private static String mathOnly(String line) {
        if (line.indexOf('$') < 0) {
            return line;
        }
        String[] parts = line.split("\\$", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i % 2 == 1) {
                b.append(' ').append(part).append(' ');
                continue;
            }
            Matcher keyword = KEYWORD.matcher(part);
            if (keyword.find()) {
                b.append(' ').append(keyword.group()).append(' ');
            } else if (part.matches("(?s)[\\s,;.:]*(?:and)?[\\s,;.:]*")) {
                b.append(part.contains("and") ? " and " : part.replaceAll("[.:]", " "));
            } else if (b.toString().isBlank()) {
                continue; // prose before the maths
            } else {
                break; // prose after the maths
            }
        }
        return b.toString();
    }

    /**
     * {@code \text{…}}: a keyword ({@code where}, {@code and}) is kept as a word; a transpose, a
     * trace or a symbol is left to the lexer; any other text is a remark, and ends the line.
     */
    private static String remarks(String line) {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        Matcher m = TEXT.matcher(line);
        StringBuilder b = new StringBuilder();
        int done = 0;
        while (m.find()) {
            b.append(line, done, m.start());
            done = m.end();
            String inside = m.group(1).trim();
            if (KEYWORD.matcher(inside).matches() || inside.matches("(?i)and")) {
                b.append(' ').append(inside.toLowerCase()).append(' ');
            } else if (inside.matches("T|tr|Tr|trace|Trace|[A-Za-z](?:_[A-Za-z0-9]+)?")) {
                b.append(m.group());
            } else {
                return b.toString(); // a remark: what follows it is not maths
            }
        }
        return b.append(line.substring(done)).toString();
    }

    /** The line without prose before the maths ("The gradient is") or after it (", which is k × m"). */
    static String withoutProse(String line, Symbols symbols) {
        Matcher w = WORD.matcher(line);
        int start = 0;
        boolean mathsSeen = false;
        while (w.find()) {
            boolean prose = isProse(w.group(), line, w.start(), symbols);
            // only before any maths, where start follows the last word: the text between is short. Asked for every
            // word, it made reading quadratic in the line's length (a 6,600-character sum took 50 ms)
            if (prose && !mathsSeen && line.substring(start, w.start()).replaceAll(PUNCTUATION, "").isEmpty()) {
                start = w.end(); // leading prose
                continue;
            }
            if (prose && !KEYWORD.matcher(w.group()).matches() && !w.group().equals("and")) {
                return line.substring(start, w.start()).replaceAll("[\\s(\\[,;:]+$", ""); // "… (the shape of W_2)"
            }
            mathsSeen = true;
        }
        return line.substring(start);
    }

    private static boolean isProse(String word, String line, int at, Symbols symbols) {
        if (FUNCTIONS.contains(word) || FUNCTIONS.stream().anyMatch(f -> word.endsWith(f)
                && word.substring(0, word.length() - f.length()).chars().allMatch(c -> oneLetterName(c, symbols)))) {
            return false; // tr(A), or Xtr(A): X times a trace
        }
        String spelt = symbols.match(Lexer.normalise(line.substring(at, Math.min(line.length(), at + 40))), 0);
        if (spelt != null && spelt.length() >= word.length()) {
            return false; // a symbol's own spelling (an alias such as Sigma)
        }
        if (KEYWORD.matcher(word).matches() || word.equals("and")) {
            return true;
        }
        boolean allSymbols = word.chars().allMatch(c -> oneLetterName(c, symbols));
        if (allSymbols) {
            return false;
        }
        if (word.length() == 2) {
            return SHORT_WORDS.contains(word);
        }
        return word.substring(1).chars().allMatch(Character::isLowerCase);
    }

    /** A letter that is a name by itself: a one-letter symbol of the question, or I, the identity. */
    private static boolean oneLetterName(int c, Symbols symbols) {
        return c == 'I' || symbols.has(String.valueOf((char) c));
    }

    /** Without surrounding spaces and trailing punctuation ("…X^\top." as "…X^\top"). */
    static String trimmed(String s) {
        return s.replaceAll("[\\s,.;:!?]+$", "").replaceAll("^[\\s,.;:]+", "").trim();
    }

    /** {@code \boxed{…}} (and {@code \fbox}) as its content, whatever braces the content has. */
    static String unwrapBoxed(String s) {
        int at;
        while ((at = indexOfBox(s)) >= 0) {
            int open = s.indexOf('{', at);
            int depth = 0;
            int close = -1;
            for (int i = open; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    close = i;
                    break;
                }
            }
            if (close < 0) {
                return s; // unbalanced: the parser says where
            }
            s = s.substring(0, at) + " " + s.substring(open + 1, close) + " " + s.substring(close + 1);
        }
        return s;
    }

    private static int indexOfBox(String s) {
        if (!s.contains("box")) {
            return -1;
        }
        Matcher m = BOX.matcher(s);
        return m.find() ? m.start() : -1;
    }

    /** {@code \nabla_{W_1} L = expr} or {@code \frac{\partial L}{\partial W_1} = expr}: only the expression. */
    static String dropLeftSide(String text) {
        int eq = text.indexOf('=');
        if (eq > 0 && LEFT_SIDE.matcher(text.substring(0, eq)).find()) {
            return text.substring(eq + 1);
        }
        return text;
    }
}
