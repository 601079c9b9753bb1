package dev.irshell.action;

import java.util.List;
import java.util.Set;

/**
 * A result table for the operator. {@code highlighted} holds the indexes of rows that carry a
 * finding; the shell colours them.
 */
public record Table(String title, List<String> columns, List<List<String>> rows, Set<Integer> highlighted) {
    public Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        highlighted = Set.copyOf(highlighted);
    }
}
