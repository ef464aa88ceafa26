package dev.assay.plugins.essay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer in plain Java (no native library, so any number of class loaders can load the
 * plugin): lower case, accents stripped, split on white space and punctuation, then the longest vocabulary pieces,
 * continued with {@code ##}. The vocabulary is read from the model's {@code tokenizer.json}.
 */
final class WordPiece {
    static final int CLS = 101;
    static final int SEP = 102;
    static final int UNK = 100;
    private static final int MAX_WORD = 100;
    private final Map<String, Integer> vocab;

    private WordPiece(Map<String, Integer> vocab) {
        this.vocab = vocab;
    }

    static WordPiece fromTokenizerJson(InputStream in) throws IOException {
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int at = json.indexOf("\"vocab\"", json.indexOf("\"model\""));
        if (at < 0) {
            throw new IOException("tokenizer.json has no model.vocab");
        }
        Map<String, Integer> vocab = new HashMap<>(40_000);
        int i = json.indexOf('{', at) + 1;
        StringBuilder sb = new StringBuilder();
        while (true) {
            while (Character.isWhitespace(json.charAt(i)) || json.charAt(i) == ',') {
                i++;
            }
            if (json.charAt(i) == '}') {
                break;
            }
            // "token": id
            i++;
            sb.setLength(0);
            while (json.charAt(i) != '"') {
                char c = json.charAt(i++);
                if (c == '\\') {
                    char e = json.charAt(i++);
                    switch (e) {
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
                            i += 4;
                        }
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            i = json.indexOf(':', i) + 1;
            while (Character.isWhitespace(json.charAt(i))) {
                i++;
            }
            int start = i;
            while (Character.isDigit(json.charAt(i))) {
                i++;
            }
            vocab.put(sb.toString(), Integer.parseInt(json.substring(start, i)));
        }
        if (vocab.size() < 1000 || !Integer.valueOf(CLS).equals(vocab.get("[CLS]"))) {
            throw new IOException("tokenizer.json's vocabulary is not BERT's (" + vocab.size() + " entries)");
        }
        return new WordPiece(vocab);
    }

    /** Words as BERT splits them: lower case, no accents, punctuation on its own. */
    static List<String> basic(String text) {
        String s = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || c == 0 || c == 0xfffd || (Character.isISOControl(c) && !Character.isWhitespace(c))) {
                continue;
            }
            if (Character.isWhitespace(c)) {
                flush(w, out);
            } else if (isPunctuation(c) || isCjk(c)) {
                flush(w, out);
                out.add(String.valueOf(c));
            } else {
                w.append(c);
            }
        }
        flush(w, out);
        return out;
    }

    private static void flush(StringBuilder w, List<String> out) {
        if (!w.isEmpty()) {
            out.add(w.toString());
            w.setLength(0);
        }
    }

    private static boolean isPunctuation(char c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        int t = Character.getType(c);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION || t == Character.START_PUNCTUATION
                || t == Character.END_PUNCTUATION || t == Character.INITIAL_QUOTE_PUNCTUATION
                || t == Character.FINAL_QUOTE_PUNCTUATION || t == Character.OTHER_PUNCTUATION;
    }

    private static boolean isCjk(char c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
    }

    /** Words that carry little meaning of their own: their pieces weigh little in alignment. */
    static final java.util.Set<String> STOP = java.util.Set.of("a", "an", "the", "and", "or", "but", "if", "of", "to",
            "in", "on", "at", "by", "for", "with", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its",
            "this", "that", "these", "those", "there", "their", "they", "them", "he", "she", "we", "you", "i", "his", "her",
            "do", "does", "did", "has", "have", "had", "will", "would", "can", "could", "should", "so", "than", "then",
            "from", "into", "which", "who", "what", "when", "where", "how", "because", "also", "just", "about");

    /** Token ids of the text, without [CLS] and [SEP]. */
    int[] ids(String text) {
        return pieces(text).ids;
    }

    /** Word pieces: their ids, and each one's weight (0: punctuation, 0.2: a stop word's, 1: a content word's). */
    record Pieces(int[] ids, float[] weights) {
    }

    Pieces pieces(String text) {
        List<Integer> out = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        for (String word : basic(text)) {
            float w = word.length() == 1 && isPunctuation(word.charAt(0)) ? 0f : STOP.contains(word) ? 0.2f : 1f;
            int before = out.size();
            addPieces(word, out);
            for (int i = before; i < out.size(); i++) {
                weights.add(w);
            }
        }
        float[] wa = new float[weights.size()];
        for (int i = 0; i < wa.length; i++) {
            wa[i] = weights.get(i);
        }
        return new Pieces(out.stream().mapToInt(Integer::intValue).toArray(), wa);
    }

    private void addPieces(String word, List<Integer> out) {
        {
            if (word.length() > MAX_WORD) {
                out.add(UNK);
                return;
            }
            List<Integer> pieces = new ArrayList<>();
            int start = 0;
            boolean bad = false;
            while (start < word.length()) {
                int end = word.length();
                Integer found = null;
                while (start < end) {
                    String piece = (start > 0 ? "##" : "") + word.substring(start, end);
                    found = vocab.get(piece);
                    if (found != null) {
                        break;
                    }
                    end--;
                }
                if (found == null) {
                    bad = true;
                    break;
                }
                pieces.add(found);
                start = end;
            }
            if (bad) {
                out.add(UNK);
            } else {
                out.addAll(pieces);
            }
        }
    }
}
