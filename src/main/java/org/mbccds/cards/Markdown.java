package org.mbccds.cards;

import org.mbccds.clinical.Evidence;

import java.util.List;

/** GitHub-flavoured Markdown pieces for card details. Clinical text from records is escaped, never trusted. */
final class Markdown {
    private Markdown() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        // Most clinical text has nothing to escape: return it as is rather than copy it twice.
        int first = 0;
        while (first < text.length() && !special(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 8).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                sb.append(' ');
            } else if (special(c)) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Markdown's syntax characters and line breaks (a line break would end a table row). */
    private static boolean special(char c) {
        return switch (c) {
            case '|', '*', '_', '`', '[', ']', '<', '>', '#', '\\', '\n', '\r' -> true;
            default -> false;
        };
    }

    static String evidenceTable(List<Evidence> evidence) {
        if (evidence.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("| Fact | Date | Source | Read from |\n|---|---|---|---|\n");
        for (Evidence e : evidence) {
            sb.append("| ").append(escape(e.statement())).append(" | ").append(e.date().map(Object::toString).orElse(""))
                    .append(" | ").append(escape(e.source())).append(" | ").append(escape(e.inferredFrom())).append(" |\n");
        }
        return sb.toString();
    }

    static String bullets(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append("- ").append(l).append('\n'));
        return sb.toString();
    }

    /** Card summaries must stay under 140 characters. */
    static String fit(String summary) {
        return summary.length() <= 139 ? summary : summary.substring(0, 138) + "…";
    }
}
