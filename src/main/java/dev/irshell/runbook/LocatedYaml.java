package dev.irshell.runbook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree, with the 1-based line and column where every node
 * starts and where every mapping key sits, both looked up by JSON Pointer ({@code /sections/0/title}).
 *
 * <p>Duplicate keys are kept out of the tree (the first one wins) and reported in
 * {@link #problems()}. Syntax errors and empty documents are not recoverable, so
 * {@link #parse} throws them.
 */
public final class LocatedYaml {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The line SnakeYAML puts before the snippet of each mark in its messages. */
    private static final java.util.regex.Pattern MARK =
            java.util.regex.Pattern.compile("^\\s*in '.*', line (\\d+), column (\\d+):\\s*$");

    private final String origin;
    private final JsonNode root;
    private final Map<String, SourcePos> nodePos;
    private final Map<String, SourcePos> keyPos;
    private final List<Problem> problems;

    private LocatedYaml(String origin, JsonNode root, Map<String, SourcePos> nodePos,
                        Map<String, SourcePos> keyPos, List<Problem> problems) {
        this.origin = origin;
        this.root = root;
        this.nodePos = nodePos;
        this.keyPos = keyPos;
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads one YAML document.
     *
     * @param origin what messages print as the file name
     * @throws RunbookException for a syntax error, an empty document, or more than one document
     */
    public static LocatedYaml parse(String origin, byte[] content) throws RunbookException {
        var notText = TextCheck.firstNonUtf8(content);
        if (notText.isPresent()) {
            throw new RunbookException(new Problem(new SourcePos(origin, notText.get().line(), notText.get().column()),
                    Messages.notText(notText.get().describe())));
        }
        Builder b = new Builder(origin);
        try (JsonParser p = YAML.createParser(content)) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL
                    || (first == JsonToken.VALUE_STRING && p.getText().isBlank())) {
                throw new RunbookException(new Problem(new SourcePos(origin, 1, 1), Messages.emptyRunbook()));
            }
            JsonNode root = b.read(p, "", true);
            if (p.nextToken() != null) {
                b.problems.add(new Problem(b.pos(p), Messages.secondDocument()));
            }
            return new LocatedYaml(origin, root, b.nodePos, b.keyPos, b.problems);
        } catch (JacksonYAMLParseException e) {
            throw new RunbookException(syntaxProblem(origin, e));
        } catch (IOException e) {
            throw new RunbookException(new Problem(new SourcePos(origin, 1, 1),
                    Messages.unreadable(e.getMessage())));
        }
    }

    public String origin() {
        return origin;
    }

    public JsonNode root() {
        return root;
    }

    /** Where the node at {@code pointer} starts; for a missing node, where its nearest ancestor starts. */
    public SourcePos at(String pointer) {
        String p = pointer;
        while (true) {
            SourcePos pos = nodePos.get(p);
            if (pos != null) {
                return pos;
            }
            if (p.isEmpty()) {
                return new SourcePos(origin, 1, 1);
            }
            p = parent(p);
        }
    }

    /** Where the key of the mapping member at {@code pointer} sits; for an array element, where it starts. */
    public SourcePos keyAt(String pointer) {
        SourcePos pos = keyPos.get(pointer);
        return pos != null ? pos : at(pointer);
    }

    /** Problems found while reading that do not stop the reading (duplicate keys, aliases). */
    public List<Problem> problems() {
        return problems;
    }

    /** The pointer of member {@code key} of the mapping at {@code pointer}. */
    public static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** The pointer of element {@code index} of the list at {@code pointer}. */
    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    private static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    private static Problem syntaxProblem(String origin, JacksonYAMLParseException e) {
        int line = 1;
        int col = 1;
        if (e instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            Mark mark = m.getProblemMark();
            line = mark.getLine() + 1;
            col = mark.getColumn() + 1;
        } else if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            line = e.getLocation().getLineNr();
            col = Math.max(1, e.getLocation().getColumnNr());
        }
        return new Problem(new SourcePos(origin, line, col), Messages.yamlSyntax(cleanSyntaxMessage(e.getOriginalMessage())));
    }

    /**
     * SnakeYAML's message is a context and a problem, each followed by a mark and a two-line
     * snippet. Keep the words, drop the snippets, say where the context started.
     */
    public static String cleanSyntaxMessage(String raw) {
        if (raw == null || raw.isBlank()) {
            return "the file is not valid YAML";
        }
        List<String> parts = new ArrayList<>();
        List<String> words = new ArrayList<>();
        String[] lines = raw.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            var m = MARK.matcher(l);
            if (m.matches()) {
                parts.add(String.join("; ", words) + "@line " + m.group(1) + ", column " + m.group(2));
                words.clear();
                i += 2; // snippet and caret
            } else if (!l.isBlank()) {
                words.add(l.trim());
            }
        }
        if (!words.isEmpty()) {
            parts.add(String.join("; ", words) + "@");
        }
        String problem = parts.isEmpty() ? "" : parts.get(parts.size() - 1);
        problem = problem.substring(0, problem.lastIndexOf('@'));
        String text = problem;
        if (parts.size() > 1) {
            String ctx = parts.get(0);
            int at = ctx.lastIndexOf('@');
            String where = ctx.substring(at + 1);
            text = problem + " (" + ctx.substring(0, at) + (where.isEmpty() ? "" : " that starts at " + where) + ")";
        }
        text = text.replace("character '\\t(TAB)'", "a tab").replace("'\\t(TAB)'", "a tab").replace("\\t(TAB)", "tabs")
                .replace(". (Do not use tabs for indentation)", "; indent with spaces, not tabs");
        return text.isBlank() ? "the file is not valid YAML" : text;
    }

    private static final class Builder {
        final String origin;
        final Map<String, SourcePos> nodePos = new HashMap<>();
        final Map<String, SourcePos> keyPos = new HashMap<>();
        final List<Problem> problems = new ArrayList<>();

        Builder(String origin) {
            this.origin = origin;
        }

        SourcePos pos(JsonParser p) {
            JsonLocation l = p.currentTokenLocation();
            return new SourcePos(origin, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        }

        /** Reads the value whose first token is current; {@code record} is false under a duplicate key. */
        JsonNode read(JsonParser p, String ptr, boolean record) throws IOException {
            if (record) {
                nodePos.put(ptr, pos(p));
            }
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT -> {
                    ObjectNode o = NODES.objectNode();
                    Map<String, SourcePos> seen = new HashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        SourcePos kp = pos(p);
                        String childPtr = child(ptr, name);
                        p.nextToken();
                        SourcePos first = seen.putIfAbsent(name, kp);
                        if (first != null) {
                            if (record) {
                                problems.add(new Problem(kp, Messages.duplicateKey(name, first)));
                            }
                            read(p, childPtr, false);
                        } else {
                            if (record) {
                                keyPos.put(childPtr, kp);
                            }
                            o.set(name, read(p, childPtr, record));
                        }
                    }
                    return o;
                }
                case START_ARRAY -> {
                    ArrayNode a = NODES.arrayNode();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        a.add(read(p, child(ptr, i++), record));
                    }
                    return a;
                }
                case VALUE_STRING -> {
                    if (p instanceof YAMLParser y && y.isCurrentAlias() && record) {
                        problems.add(new Problem(pos(p), Messages.alias(p.getText())));
                    }
                    return NODES.textNode(p.getText());
                }
                case VALUE_NUMBER_INT -> {
                    try {
                        return integer(p);
                    } catch (IOException | NumberFormatException e) {
                        return NODES.textNode(p.getText());
                    }
                }
                case VALUE_NUMBER_FLOAT -> {
                    try {
                        return NODES.numberNode(p.getDecimalValue());
                    } catch (IOException | NumberFormatException e) {
                        return NODES.textNode(p.getText());
                    }
                }
                case VALUE_TRUE -> {
                    return NODES.booleanNode(true);
                }
                case VALUE_FALSE -> {
                    return NODES.booleanNode(false);
                }
                case VALUE_NULL -> {
                    return NODES.nullNode();
                }
                default -> {
                    return NODES.textNode(p.getText());
                }
            }
        }

        private static JsonNode integer(JsonParser p) throws IOException {
            return switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
        }
    }
}
