package dev.warden.policy.cedar;

import dev.warden.policy.PolicySource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a policy file into its policy statements, remembering where each one starts, so every
 * policy can be handed to Cedar on its own and Cedar's offsets (UTF-8 bytes into one policy's text)
 * can be turned back into lines of the file.
 *
 * <p>The split only needs Cedar's lexical rules for what can hide a {@code ;}: string literals
 * (double quotes, backslash escapes) and {@code //} line comments. A statement runs from the end of
 * the previous one up to and including its {@code ;}; a trailing remainder that holds anything but
 * blanks and comments is returned as a final statement so Cedar reports it.
 */
final class PolicyFileParser {
    private PolicyFileParser() {
    }

    /** A policy file with an index of its line starts. */
    static final class SourceFile {
        private final PolicySource source;
        private final int[] lineStarts;

        SourceFile(PolicySource source) {
            this.source = source;
            String text = source.text();
            int[] starts = new int[16];
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = i + 1;
                }
            }
            this.lineStarts = Arrays.copyOf(starts, count);
        }

        /** The file name. */
        String name() {
            return source.name();
        }

        /** The file text. */
        String text() {
            return source.text();
        }

        /** The 1-based line of a char index into the file. */
        int lineOf(int charIndex) {
            int i = Arrays.binarySearch(lineStarts, charIndex);
            return i >= 0 ? i + 1 : -i - 1;
        }
    }

    /**
     * One policy statement of a file.
     *
     * @param file        the file
     * @param index       0-based index of the statement within the file
     * @param start       char index in the file where {@link #text} starts
     * @param text        the statement, possibly with leading blanks and comments
     * @param firstToken  char index within {@link #text} of the first token
     * @param annotations char index within {@link #text} of the first {@code @name} of each annotation
     */
    record Statement(SourceFile file, int index, int start, String text, int firstToken,
                     Map<String, Integer> annotations) {

        /** Copies the map. */
        Statement {
            annotations = Map.copyOf(annotations);
        }

        /** The line of the first token: where the policy starts. */
        int line() {
            return lineAtChar(firstToken);
        }

        /** The line of an annotation, or of the policy start when it has none. */
        int annotationLine(String name) {
            return lineAtChar(annotations.getOrDefault(name, firstToken));
        }

        /** The line of a char index into {@link #text}. */
        int lineAtChar(int charIndex) {
            return file.lineOf(start + Math.max(0, Math.min(charIndex, text.length())));
        }

        /** The line of a UTF-8 byte offset into {@link #text}, as Cedar reports positions. */
        int lineAtByte(int byteOffset) {
            int bytes = 0;
            int i = 0;
            while (i < text.length() && bytes < byteOffset) {
                int cp = text.codePointAt(i);
                bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                i += Character.charCount(cp);
            }
            return lineAtChar(i);
        }
    }

    /** Splits a file into statements. */
    static List<Statement> split(PolicySource source) {
        SourceFile file = new SourceFile(source);
        String t = source.text();
        int n = t.length();
        List<Statement> out = new ArrayList<>();
        int start = 0;
        int firstToken = -1;
        Map<String, Integer> annotations = new HashMap<>();
        int i = 0;
        while (i < n) {
            char c = t.charAt(i);
            if (c == '/' && i + 1 < n && t.charAt(i + 1) == '/') {
                while (i < n && t.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (firstToken < 0) {
                firstToken = i;
            }
            if (c == '"') {
                i = skipString(t, i);
            } else if (c == '@') {
                annotations.putIfAbsent(identifierAfter(t, i + 1), i - start);
                i++;
            } else if (c == ';') {
                out.add(new Statement(file, out.size(), start, t.substring(start, i + 1), firstToken - start, annotations));
                start = i + 1;
                firstToken = -1;
                annotations = new HashMap<>();
                i++;
            } else {
                i++;
            }
        }
        if (firstToken >= 0) {
            out.add(new Statement(file, out.size(), start, t.substring(start), firstToken - start, annotations));
        }
        return out;
    }

    private static int skipString(String t, int quote) {
        int i = quote + 1;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return t.length();
    }

    private static String identifierAfter(String t, int from) {
        int i = from;
        while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
            i++;
        }
        int begin = i;
        while (i < t.length() && (Character.isLetterOrDigit(t.charAt(i)) || t.charAt(i) == '_')) {
            i++;
        }
        return t.substring(begin, i);
    }
}
