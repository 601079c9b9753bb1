package dev.irshell.report;

/**
 * Makes transcript strings safe to show. Much of a transcript comes from the account under attack:
 * user names, user agents, resource names and tags are whatever the attacker chose, so every such
 * string is escaped for the format it lands in, and control characters (terminal escape sequences,
 * NUL, characters XML forbids) are written out as {@code \\uXXXX} instead of being passed on.
 */
final class Escape {
    private Escape() {}

    /** Plain text for a terminal or a support case: line breaks and tabs kept, other controls shown as \\uXXXX. */
    static String plain(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t') {
                b.appendCodePoint(cp);
            } else {
                appendVisible(b, cp);
            }
        });
        return b.toString();
    }

    /** One line of plain text: line breaks become spaces, controls \\uXXXX. */
    static String line(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t' || cp == '\r') {
                b.append(' ');
            } else {
                appendVisible(b, cp);
            }
        });
        return b.toString();
    }

    /**
     * Text for HTML element content or a quoted attribute value, also well-formed XML: the five
     * markup characters as entities, line breaks kept, other controls \\uXXXX.
     */
    static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\n', '\t' -> b.appendCodePoint(cp);
                default -> appendVisible(b, cp);
            }
        });
        return b.toString();
    }

    /**
     * Text for Markdown, inside a paragraph or a table cell: on one line, with the characters that
     * would start markup (emphasis, code, links, raw HTML, table cells) escaped, so an attacker's
     * string is shown as typed and cannot inject HTML into a renderer that passes HTML through.
     */
    static String md(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        line(s).codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '|' -> b.append("\\|");
                case '\\', '`', '*', '_', '[', ']', '#', '~', '!' -> b.append('\\').appendCodePoint(cp);
                default -> b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /** Text inside a Markdown fenced code block: controls shown, and no line can close the fence. */
    static String fenced(String s) {
        return plain(s).replace("```", "`\u200b``");
    }

    private static void appendVisible(StringBuilder b, int cp) {
        boolean control = cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0xfffe || cp == 0xffff
                || (cp >= 0xd800 && cp <= 0xdfff) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e)
                || (cp >= 0x2066 && cp <= 0x2069);
        if (control) {
            b.append(String.format("\\u%04x", cp));
        } else {
            b.appendCodePoint(cp);
        }
    }
}
