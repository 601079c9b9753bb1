package dev.irshell.action;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What an action found or did.
 *
 * @param data      JSON the runbook's output selectors run over; never holds a secret
 * @param summary   one line for the operator
 * @param tables    readable tables
 * @param findings  what matters, highlighted
 * @param secrets   shown once on the terminal, never recorded
 */
public record ActionResult(JsonNode data, String summary, List<Table> tables, List<Finding> findings, List<Secret> secrets) {
    public ActionResult {
        tables = List.copyOf(tables);
        findings = List.copyOf(findings);
        secrets = List.copyOf(secrets);
    }

    public static ActionResult of(JsonNode data, String summary) {
        return new ActionResult(data, summary, List.of(), List.of(), List.of());
    }
}
