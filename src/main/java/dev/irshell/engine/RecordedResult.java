package dev.irshell.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Finding;
import dev.irshell.action.Severity;
import dev.irshell.action.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A step's result as a {@code step.end} entry records it (summary, data, the tables and findings the
 * operator saw; secrets never), both ways: the engine writes it, and a resumed session and a replay
 * read it back.
 */
public final class RecordedResult {
    private RecordedResult() {}

    /** Tables as the operator saw them: title, columns, rows and the highlighted row indexes. */
    static ArrayNode tables(List<Table> tables) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Table t : tables) {
            ObjectNode o = a.addObject().put("title", t.title());
            t.columns().forEach(o.putArray("columns")::add);
            ArrayNode rows = o.putArray("rows");
            t.rows().forEach(row -> {
                ArrayNode ra = rows.addArray();
                row.forEach(ra::add);
            });
            t.highlighted().stream().sorted().forEach(o.putArray("highlighted")::add);
        }
        return a;
    }

    static ArrayNode findings(List<Finding> findings) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        findings.forEach(f -> a.addObject().put("severity", f.severity().name().toLowerCase(Locale.ROOT))
                .put("message", f.message()));
        return a;
    }

    /** A step.end entry's result as the engine had it (data, summary, tables, findings; never secrets). */
    public static ActionResult of(ObjectNode end) {
        List<Table> tables = new ArrayList<>();
        for (JsonNode t : end.path("tables")) {
            // a cell written as null (a hand-made or damaged record) is drawn as "-", as the renderer draws one
            List<String> columns = new ArrayList<>();
            t.path("columns").forEach(c -> columns.add(c.asText()));
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode r : t.path("rows")) {
                List<String> row = new ArrayList<>();
                r.forEach(c -> row.add(c.isNull() ? "-" : c.asText()));
                rows.add(row);
            }
            Set<Integer> hot = new TreeSet<>();
            t.path("highlighted").forEach(h -> hot.add(h.asInt()));
            tables.add(new Table(t.path("title").isNull() ? null : t.path("title").asText(null), columns, rows, hot));
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : end.path("findings")) {
            findings.add(new Finding(severity(f.path("severity").asText()), f.path("message").asText("")));
        }
        JsonNode data = end.get("data");
        return new ActionResult(data == null || data.isMissingNode() ? null : data, end.path("summary").asText(null),
                tables, findings, List.of());
    }

    private static Severity severity(String s) {
        try {
            return Severity.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Severity.INFO;
        }
    }
}
