package dev.irshell.action.aws;

import dev.irshell.action.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@link Table}s; null cells become empty strings (tables hold no nulls). */
final class Tables {
    private Tables() {}

    /** A two-column Field / Value table, in the map's order, skipping nothing. */
    static Table keyValue(String title, Map<String, ?> fields) {
        List<List<String>> rows = new ArrayList<>();
        fields.forEach((k, v) -> rows.add(List.of(k, cell(v))));
        return new Table(title, List.of("Field", "Value"), rows, Set.of());
    }

    static Table of(String title, List<String> columns, List<List<String>> rows, Set<Integer> highlighted) {
        return new Table(title, columns, rows, highlighted);
    }

    /** One row from cells that may be null. */
    static List<String> row(Object... cells) {
        List<String> r = new ArrayList<>(cells.length);
        for (Object c : cells) {
            r.add(cell(c));
        }
        return r;
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof java.time.Instant t) {
            return Times.iso(t);
        }
        return v.toString();
    }
}
