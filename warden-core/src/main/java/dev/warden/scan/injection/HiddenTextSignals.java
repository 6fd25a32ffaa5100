package dev.warden.scan.injection;

import dev.warden.scan.text.FoldedText;
import java.util.List;
import java.util.Locale;

/**
 * Text a human reader does not see: invisible characters inside words, Unicode tag characters
 * (which spell ASCII invisibly and are decoded and analysed), bidi overrides, long runs of
 * variation selectors, and HTML or markdown comments and CSS-hidden elements whose content reads
 * like instructions (analysed as nested content).
 */
final class HiddenTextSignals {
    private static final int MAX_SEGMENTS = 16;
    private static final int MAX_SEGMENT = 8192;
    private static final String[] HIDING_STYLES = {"display:none", "visibility:hidden", "font-size:0", "font-size:1px",
        "font-size:0.1", "opacity:0;", "opacity:0\"", "opacity:0.0", "color:#fff", "color:white", "color:transparent",
        "color:rgb(255,255,255)", "height:0", "width:0", "left:-9999", "text-indent:-9999", "clip:rect(0", "max-height:0",
        "transform:scale(0)"};
    private static final String[] HIDING_MARKERS = {" hidden>", " hidden ", "aria-hidden=\"true\"", "sr-only",
        "visually-hidden", "d-none", "\\color{white}", "\\textcolor{white}"};

    private final InjectionAnalysis analysis;

    HiddenTextSignals(InjectionAnalysis analysis) {
        this.analysis = analysis;
    }

    void collect(FoldedText folded, int depth, List<Signal> out) {
        String o = folded.original();
        if (folded.hiddenChars() > 0) {
            invisibleChars(folded, o, depth, out);
        }
        comments(o, depth, out);
        styledHidden(o, depth, out);
    }

    private void invisibleChars(FoldedText folded, String o, int depth, List<Signal> out) {
        int inWord = 0;
        int firstInWord = -1;
        int lastInWord = -1;
        int run = 0;
        int longestRun = 0;
        int runEnd = 0;
        int selectors = 0;
        int longestSelectors = 0;
        int selectorsEnd = 0;
        int overrides = 0;
        int firstOverride = -1;
        StringBuilder tags = new StringBuilder();
        int tagStart = -1;
        int tagEnd = -1;
        for (int i = 0; i < o.length(); ) {
            int cp = o.codePointAt(i);
            int w = Character.charCount(cp);
            boolean zeroWidth = cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || (cp == 0xFEFF && i > 0)
                    || cp == 0x180E || cp == 0x00AD || (cp >= 0x2061 && cp <= 0x2064);
            if (zeroWidth) {
                run++;
                if (run > longestRun) {
                    longestRun = run;
                    runEnd = i + w;
                }
                if (i > 0 && i + w < o.length() && Character.isLetter(o.codePointBefore(i))
                        && Character.isLetter(o.codePointAt(i + w)) && cp != 0x200C && cp != 0x200D) {
                    inWord++;
                    firstInWord = firstInWord < 0 ? i : firstInWord;
                    lastInWord = i + w;
                }
            } else {
                run = 0;
            }
            if (FoldedText.variationSelector(cp)) {
                selectors++;
                if (selectors > longestSelectors) {
                    longestSelectors = selectors;
                    selectorsEnd = i + w;
                }
            } else {
                selectors = 0;
            }
            if (cp == 0x202E || cp == 0x202D || cp == 0x2067 || cp == 0x2066) {
                overrides++;
                firstOverride = firstOverride < 0 ? i : firstOverride;
            }
            if (FoldedText.tag(cp)) {
                if (tags.length() < MAX_SEGMENT) {
                    int ascii = cp - 0xE0000;
                    tags.append(ascii >= 0x20 && ascii < 0x7F ? (char) ascii : ' ');
                }
                tagStart = tagStart < 0 ? i : tagStart;
                tagEnd = i + w;
            }
            i += w;
        }
        if (inWord >= 2) {
            out.add(new Signal(Family.HIDDEN, firstInWord, lastInWord, Math.min(0.6, 0.25 + 0.02 * inWord)));
        }
        if (longestRun >= 8) {
            out.add(new Signal(Family.HIDDEN, runEnd - longestRun, runEnd, 0.5));
        }
        if (longestSelectors >= 6) {
            out.add(new Signal(Family.HIDDEN, Math.max(0, selectorsEnd - 2 * longestSelectors), selectorsEnd, 0.45));
        }
        if (overrides > 0) {
            out.add(new Signal(Family.HIDDEN, firstOverride, firstOverride + 1, 0.3));
        }
        if (tags.toString().trim().length() >= 3) {
            double inner = depth < InjectionAnalysis.MAX_DEPTH ? analysis.nestedScore(tags.toString(), depth) : 0;
            out.add(new Signal(Family.HIDDEN, tagStart, tagEnd, inner >= 0.3 ? Math.max(0.9, inner) : 0.55));
        }
    }

    /** HTML comments and markdown reference-style comments. */
    private void comments(String o, int depth, List<Signal> out) {
        int n = 0;
        for (int i = o.indexOf("<!--"); i >= 0 && n++ < MAX_SEGMENTS; ) {
            int close = o.indexOf("-->", i + 4);
            int end = close < 0 ? o.length() : close + 3;
            String inner = o.substring(i + 4, Math.min(close < 0 ? o.length() : close, i + 4 + MAX_SEGMENT));
            nested(inner, i, end, depth, 0.35, out);
            if (close < 0) {
                break;
            }
            i = o.indexOf("<!--", end);
        }
        n = 0;
        for (String marker : new String[] {"[//]: #", "[comment]: #", "[//]: <>", "[comment]: <>"}) {
            for (int i = o.indexOf(marker); i >= 0 && n++ < MAX_SEGMENTS; i = o.indexOf(marker, i + marker.length())) {
                int lineEnd = o.indexOf('\n', i);
                int end = lineEnd < 0 ? o.length() : lineEnd;
                nested(o.substring(i + marker.length(), Math.min(end, i + marker.length() + MAX_SEGMENT)), i, end, depth, 0.35, out);
            }
        }
    }

    /** Elements styled or marked to be invisible. */
    private void styledHidden(String o, int depth, List<Signal> out) {
        if (o.indexOf('<') < 0 && o.indexOf("\\color") < 0 && o.indexOf("\\textcolor") < 0) {
            return;
        }
        String lower = o.toLowerCase(Locale.ROOT);
        int n = 0;
        for (int tag = lower.indexOf('<'); tag >= 0 && n < MAX_SEGMENTS; tag = lower.indexOf('<', tag + 1)) {
            int close = -1;
            for (int k = tag + 1; k < lower.length() && k - tag <= 1000; k++) {
                if (lower.charAt(k) == '>') {
                    close = k;
                    break;
                }
                if (lower.charAt(k) == '<') {
                    break;
                }
            }
            if (close < 0) {
                continue;
            }
            String head = lower.substring(tag, close + 1).replace(" ", "");
            String spaced = lower.substring(tag, close + 1);
            boolean hides = false;
            for (String s : HIDING_STYLES) {
                hides |= head.contains(s);
            }
            for (String m : HIDING_MARKERS) {
                hides |= spaced.contains(m);
            }
            if (!hides) {
                continue;
            }
            n++;
            int innerEnd = lower.indexOf("</", close);
            int end = innerEnd < 0 ? o.length() : innerEnd;
            String inner = o.substring(close + 1, Math.min(end, close + 1 + MAX_SEGMENT));
            nested(inner, tag, end, depth, 0.4, out);
            if (inner.trim().split("\\s+").length >= 6) {
                out.add(new Signal(Family.HIDDEN, tag, end, 0.15));
            }
        }
        for (String m : new String[] {"\\color{white}", "\\textcolor{white}"}) {
            int i = lower.indexOf(m);
            if (i >= 0) {
                int end = Math.min(o.length(), i + 600);
                nested(o.substring(i + m.length(), end), i, end, depth, 0.4, out);
            }
        }
    }

    private void nested(String inner, int start, int end, int depth, double bonus, List<Signal> out) {
        if (depth >= InjectionAnalysis.MAX_DEPTH || inner.isBlank()) {
            return;
        }
        double c = analysis.nestedScore(inner, depth);
        if (c >= 0.15) {
            out.add(new Signal(Family.HIDDEN, start, Math.max(start + 1, end), Math.min(1.0, bonus + c)));
        }
    }
}
