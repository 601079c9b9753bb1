package dev.irshell.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import io.burt.jmespath.parser.ParseError;
import io.burt.jmespath.parser.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JMESPath as runbooks use it: {@code when} conditions, output selectors and the expressions
 * inside templates. Compiles with {@link JacksonRuntime} and finds the context paths an
 * expression refers to, so the validator can check them before anything runs.
 */
public final class Expressions {
    /** The roots of the session context an expression can name. */
    public static final Set<String> ROOTS = Set.of("inputs", "steps", "session");

    /** Standard JMESPath plus {@code without(list, exclude)} (see {@link WithoutFunction}). */
    private static final JmesPath<JsonNode> RUNTIME = new JacksonRuntime(new io.burt.jmespath.RuntimeConfiguration.Builder()
            .withFunctionRegistry(io.burt.jmespath.function.FunctionRegistry.defaultRegistry().extend(new WithoutFunction()))
            .build());
    private static final Pattern MISMATCH = Pattern.compile("(?:mismatched|extraneous) input '(.*)' expecting .*");
    private static final Pattern NO_VIABLE = Pattern.compile("no viable alternative at input '(.*)'");
    private static final Pattern TOKEN = Pattern.compile("token recognition error at: '(.*)'");

    private Expressions() {}

    /**
     * Checks that {@code jmespath} compiles.
     *
     * @throws ExpressionSyntaxException with a readable message and the position of the first error
     */
    public static void compile(String jmespath) {
        compiled(jmespath);
    }

    /** Compiles {@code jmespath} for evaluation over Jackson trees. */
    public static Expression<JsonNode> compiled(String jmespath) {
        try {
            return RUNTIME.compile(jmespath);
        } catch (ParseException e) {
            for (ParseError err : e) {
                throw new ExpressionSyntaxException(err.position(), clean(err.message()) + " at position " + err.position());
            }
            throw new ExpressionSyntaxException(-1, e.getMessage());
        }
    }

    static String clean(String message) {
        String m = message.startsWith("syntax error ") ? message.substring("syntax error ".length()) : message;
        Matcher mm = MISMATCH.matcher(m);
        if (mm.matches()) {
            return "<EOF>".equals(mm.group(1)) ? "unexpected end of expression" : "unexpected '" + mm.group(1) + "'";
        }
        Matcher nv = NO_VIABLE.matcher(m);
        if (nv.matches()) {
            return "cannot read '" + nv.group(1) + "'";
        }
        Matcher tk = TOKEN.matcher(m);
        if (tk.matches()) {
            String t = tk.group(1);
            return t.startsWith("'") || t.startsWith("`") || t.startsWith("\"")
                    ? "unterminated literal " + t
                    : "unexpected character " + t;
        }
        return m;
    }

    /**
     * Every dotted identifier path rooted at {@code inputs}, {@code steps} or {@code session}: for
     * {@code steps.find.outputs.region != inputs.region} that is
     * {@code [[steps, find, outputs, region], [inputs, region]]}. A path stops at the first thing
     * that is not {@code .identifier} (an index, a wildcard, a function call). Identifiers may be
     * quoted; string, raw-string and backtick literals are skipped; a root name that follows a dot
     * is a field of something else and is not a reference.
     */
    public static List<List<String>> references(String jmespath) {
        List<Token> tokens = tokenize(jmespath);
        List<List<String>> refs = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean afterDot = i > 0 && tokens.get(i - 1).kind == Kind.DOT;
            if (t.kind != Kind.IDENT || afterDot || !ROOTS.contains(t.text)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            path.add(t.text);
            int j = i + 1;
            while (j + 1 < tokens.size() && tokens.get(j).kind == Kind.DOT && tokens.get(j + 1).kind == Kind.IDENT) {
                path.add(tokens.get(j + 1).text);
                j += 2;
            }
            refs.add(List.copyOf(path));
            i = j - 1;
        }
        return List.copyOf(refs);
    }

    private enum Kind { IDENT, DOT, OTHER }

    private record Token(Kind kind, String text) {}

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '.') {
                out.add(new Token(Kind.DOT, "."));
                i++;
            } else if (c == '\'' || c == '`') {
                int end = Template.skipQuoted(s, i, c);
                out.add(new Token(Kind.OTHER, "literal"));
                i = end < 0 ? s.length() : end + 1;
            } else if (c == '"') {
                int end = Template.skipQuoted(s, i, c);
                String raw = end < 0 ? s.substring(i + 1) : s.substring(i + 1, end);
                out.add(new Token(Kind.IDENT, unescape(raw)));
                i = end < 0 ? s.length() : end + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(Kind.IDENT, s.substring(i, j)));
                i = j;
            } else {
                out.add(new Token(Kind.OTHER, String.valueOf(c)));
                i++;
            }
        }
        return out;
    }

    private static String unescape(String quoted) {
        return quoted.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
