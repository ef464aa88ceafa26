package dev.assay.plugins.tokens;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads tokens from free-form answers: spaces, commas, brackets and quotes, enumerations such as
 * {@code w_1 = <sos>, w_2 = I}, LaTeX ({@code \langle \text{sos} \rangle}), trailing punctuation, case,
 * and every declared alias, multi-word ones included. Unknown words are kept as they were typed.
 */
final class Reader {
    static final int MAX_CHARS = 10_000;
    static final int MAX_TOKENS = 500;

    private static final Pattern TEXT_CMD = Pattern.compile("\\\\(?:text|mathrm|texttt|textit|textbf|mathit|operatorname)\\s*\\{([^{}]*)\\}");
    private static final Pattern ENUMERATION = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])[a-z]_?\\{?\\s*\\d{1,3}\\s*\\}?\\s*[=:]|(?<![A-Za-z0-9<])\\d{1,2}\\s*[.)]\\s(?=\\S)");
    private static final String SEPARATORS = " \t\r\n,;\"'`“”‘’[](){}|";

    private final boolean caseSensitive;
    private final boolean connectivesSeparate;
    /** normalised spelling → canonical token, longest spellings first. */
    private final Map<String, String> spellings = new LinkedHashMap<>();

    Reader(TokenConfig config) {
        this.caseSensitive = config.caseSensitive();
        this.connectivesSeparate = config.mode() != TokenConfig.Mode.sequence;
        Map<String, String> all = new LinkedHashMap<>();
        List<String> canon = new ArrayList<>(config.expected());
        canon.addAll(config.options());
        config.alternatives().forEach(a -> canon.addAll(a.sequence()));
        canon.addAll(config.aliases().keySet());
        for (String c : canon) {
            all.put(norm(c), c);
        }
        config.aliases().forEach((c, list) -> list.forEach(a -> all.put(norm(a), c)));
        all.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .forEach(e -> spellings.put(e.getKey(), e.getValue()));
    }

    String norm(String s) {
        String t = s.replace('_', ' ').replaceAll("\\s+", " ").trim();
        return caseSensitive ? t : t.toLowerCase(Locale.ROOT);
    }

    /** The canonical token for a spelling, or the spelling itself. */
    String canonical(String token) {
        return spellings.getOrDefault(norm(token), token);
    }

    boolean known(String token) {
        return spellings.containsKey(norm(token));
    }

    static String tidy(String raw) {
        String s = raw.replace("$", " ");
        String before;
        do {
            before = s;
            s = TEXT_CMD.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1)));
        } while (!s.equals(before));
        s = s.replaceAll("\\\\langle|⟨|&lt;", "<").replaceAll("\\\\rangle|⟩|&gt;", ">");
        s = s.replaceAll("\\\\(?:quad|qquad)(?![A-Za-z])|\\\\[,;:! ]|~", " ");
        s = s.replaceAll("\\\\_", "_");
        s = s.replaceAll("<\\s*([^<>\\s]{1,20})\\s*>", "<$1>");
        s = ENUMERATION.matcher(s).replaceAll(" ");
        s = s.replaceAll("(?<=\\S)[.!?]+(?=\\s|$)", " ");
        s = s.replaceAll("(?<=\\s|^)(?:→|->|=>)(?=\\s|$)", " ");
        return s;
    }

    List<String> read(String raw) {
        String text = tidy(raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) : raw);
        String s = norm(text);
        // norm() changes underscores and spacing only: positions in s map to words of the same text.
        String shown = text.replace('_', ' ').replaceAll("\\s+", " ").trim();
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length() && tokens.size() < MAX_TOKENS) {
            char c = s.charAt(i);
            if (SEPARATORS.indexOf(c) >= 0) {
                i++;
                continue;
            }
            String found = null;
            for (String sp : spellings.keySet()) {
                if (s.startsWith(sp, i) && boundary(s, i + sp.length()) && (i == 0 || boundary(s, i - 1, true))) {
                    found = sp;
                    break;
                }
            }
            if (found != null) {
                tokens.add(spellings.get(found));
                i += found.length();
                continue;
            }
            int j = i;
            while (j < s.length() && SEPARATORS.indexOf(s.charAt(j)) < 0) {
                j++;
            }
            String word = shown.length() >= j ? shown.substring(i, j) : s.substring(i, j);
            if (!(connectivesSeparate && (word.equalsIgnoreCase("and") || word.equals("&") || word.equals("+")))) {
                tokens.add(word);
            }
            i = j;
        }
        return tokens;
    }

    private static boolean boundary(String s, int at) {
        return at >= s.length() || SEPARATORS.indexOf(s.charAt(at)) >= 0;
    }

    private static boolean boundary(String s, int at, boolean before) {
        return at < 0 || SEPARATORS.indexOf(s.charAt(at)) >= 0;
    }
}
