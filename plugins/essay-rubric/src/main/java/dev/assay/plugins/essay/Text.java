package dev.assay.plugins.essay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** An answer analysed for English: stems with their positions and character offsets, and word counts. */
final class Text {
    /** A stem at a position (stop words leave gaps), with where it stands in the original text. */
    record Token(String stem, int position, int start, int end) {
    }

    private static final Analyzer ENGLISH = new EnglishAnalyzer();
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");

    final String raw;
    final List<Token> tokens;
    final int words;
    final int stopWords;

    Text(String raw) {
        this.raw = raw;
        this.tokens = analyse(raw);
        int w = 0;
        Matcher m = WORD.matcher(raw);
        while (m.find()) {
            w++;
        }
        this.words = w;
        this.stopWords = Math.max(0, w - tokens.size());
    }

    static List<Token> analyse(String text) {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = ENGLISH.tokenStream("t", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken()) {
                pos += inc.getPositionIncrement();
                out.add(new Token(term.toString(), pos, offset.startOffset(), offset.endOffset()));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<String> stems(String phrase) {
        return analyse(phrase).stream().map(Token::stem).toList();
    }

    String quote(int start, int end) {
        int s = Math.max(0, start);
        int e = Math.min(raw.length(), end);
        return raw.substring(s, e).replaceAll("\\s+", " ");
    }
}
