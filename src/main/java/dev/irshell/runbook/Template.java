package dev.irshell.runbook;

import java.util.ArrayList;
import java.util.List;

/**
 * A string value of {@code with} that may hold {@code ${{ expression }}} templates, split into
 * literal text and JMESPath expressions. The expression ends at the first <code>}}</code> that is
 * outside any JMESPath string literal and outside any <code>{ }</code> the expression opened, so
 * multi-select hashes such as {@code ${{ {a: b} }}} work.
 */
public final class Template {
    private static final String OPEN = "${{";

    /** A piece of a template. */
    public sealed interface Part permits Literal, Expression {}

    /** Text copied as is. */
    public record Literal(String text) implements Part {}

    /**
     * A JMESPath expression, trimmed.
     *
     * @param offset where its <code>${{</code> starts in the template text (0-based)
     */
    public record Expression(String source, int offset) implements Part {}

    private final String text;
    private final List<Part> parts;

    private Template(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * Splits {@code text} into parts.
     *
     * @throws TemplateSyntaxException for an unterminated <code>${{</code> or an empty expression
     */
    public static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < text.length()) {
            int open = text.indexOf(OPEN, i);
            if (open < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, open);
            int start = open + OPEN.length();
            int close = findClose(text, start);
            if (close < 0) {
                throw new TemplateSyntaxException(open, Messages.unterminatedTemplate());
            }
            String expr = text.substring(start, close).trim();
            if (expr.isEmpty()) {
                throw new TemplateSyntaxException(open, Messages.emptyTemplate());
            }
            if (literal.length() > 0) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(new Expression(expr, open));
            i = close + 2;
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new Template(text, parts);
    }

    /** True if {@code text} holds at least one <code>${{</code>. Cheap; does not validate. */
    public static boolean hasTemplate(String text) {
        return text != null && text.contains(OPEN);
    }

    private static int findClose(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'', '"', '`' -> {
                    i = skipQuoted(s, i, c);
                    if (i < 0) {
                        return -1;
                    }
                }
                case '{' -> depth++;
                case '}' -> {
                    if (depth == 0 && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                        return i;
                    }
                    if (depth > 0) {
                        depth--;
                    }
                }
                default -> { }
            }
        }
        return -1;
    }

    /** Index of the closing quote of the literal opening at {@code i}, or -1. */
    static int skipQuoted(String s, int i, char quote) {
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == quote) {
                return j;
            }
        }
        return -1;
    }

    public String text() {
        return text;
    }

    public List<Part> parts() {
        return parts;
    }

    /** The expressions of this template, in order. */
    public List<Expression> expressions() {
        return parts.stream().filter(Expression.class::isInstance).map(Expression.class::cast).toList();
    }

    /** True if the whole value is one template, so the engine keeps the expression's JSON type. */
    public boolean isSingleExpression() {
        return parts.size() == 1 && parts.get(0) instanceof Expression;
    }

    @Override
    public String toString() {
        return text;
    }
}
