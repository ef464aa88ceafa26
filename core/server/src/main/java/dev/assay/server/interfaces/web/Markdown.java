package dev.assay.server.interfaces.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown with LaTeX to safe HTML. Maths ($…$, $$…$$, \(…\), \[…\]) is taken out before Markdown sees it
 * (so `_` and `\` inside it survive) and put back as escaped text in a {@code span.math}, which the page
 * typesets with KaTeX. Raw HTML in the source is escaped, never passed through; link URLs are sanitised.
 */
public final class Markdown {
    private static final Pattern MATH = Pattern.compile(
            "\\$\\$(.+?)\\$\\$|\\\\\\[(.+?)\\\\\\]|\\\\\\((.+?)\\\\\\)|(?<![\\\\$])\\$(?!\\s)([^$\\n]+?)(?<!\\s)\\$(?!\\d)",
            Pattern.DOTALL);
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            .sanitizeUrls(true).build();

    private Markdown() {
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, String> PROMPTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@link #html}, remembered: for the prompts every page shows (a few hundred at most per server). */
    public static String cached(String markdown) {
        String html = PROMPTS.get(markdown);
        if (html == null) {
            html = html(markdown);
            if (PROMPTS.size() < 5000) {
                PROMPTS.put(markdown, html);
            }
        }
        return html;
    }

    public static String html(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        List<String> maths = new ArrayList<>();
        List<Boolean> display = new ArrayList<>();
        // Each formula waits as <mark><index>Z while Markdown runs. The mark is drawn for this text and does not occur
        // in it, so nothing a student or instructor wrote can be taken for a placeholder (a fixed word could be typed,
        // with an index no formula has, or so large it does not parse).
        String mark = absentMark(markdown);
        Matcher m = MATH.matcher(markdown);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String tex = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            maths.add(tex);
            display.add(m.group(1) != null || m.group(2) != null);
            m.appendReplacement(sb, mark + (maths.size() - 1) + "Z");
        }
        m.appendTail(sb);
        String html = RENDERER.render(PARSER.parse(sb.toString()));
        if (maths.isEmpty()) {
            return html;
        }
        Matcher p = Pattern.compile(mark + "(\\d{1,9})Z").matcher(html);
        StringBuilder out = new StringBuilder();
        while (p.find()) {
            int i = Integer.parseInt(p.group(1));
            String span = i < maths.size() ? math(maths.get(i), display.get(i)) : "";
            p.appendReplacement(out, Matcher.quoteReplacement(span));
        }
        p.appendTail(out);
        return out.toString();
    }

    /** Sixteen random lower-case letters that do not occur in {@code text}: Markdown leaves such a word as it is. */
    static String absentMark(String text) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        while (true) {
            char[] c = new char[16];
            for (int i = 0; i < c.length; i++) {
                c[i] = (char) ('a' + random.nextInt(26));
            }
            String mark = new String(c);
            if (!text.contains(mark)) {
                return mark;
            }
        }
    }

    public static String math(String tex, boolean display) {
        return "<span class=\"math\"" + (display ? " data-display=\"true\"" : "") + ">" + escape(tex) + "</span>";
    }

    /** HTML-escapes text for element content and quoted attributes. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
