package dev.irshell.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * The result of grading a sandbox session against its scenario's objectives: one {@link Check}
 * per objective, in the scenario's order.
 *
 * @param scenario the scenario's name
 */
public record Grade(String scenario, List<Check> checks) {

    public Grade {
        Objects.requireNonNull(scenario, "scenario");
        checks = List.copyOf(checks);
    }

    /**
     * One objective checked.
     *
     * @param objective the objective's kind, e.g. {@code keyDeleted}
     * @param subject   what it is about: a key id, user, role, instance id(s), or {@code account}
     * @param met       whether the final account and the session's calls meet it
     * @param feedback  what was expected, what the trainee did, what to do next time
     */
    public record Check(String objective, String subject, boolean met, String feedback) {
        public Check {
            Objects.requireNonNull(objective, "objective");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(feedback, "feedback");
        }
    }

    public int met() {
        return (int) checks.stream().filter(Check::met).count();
    }

    public int total() {
        return checks.size();
    }

    /** Objectives met in percent, rounded down; 100 when the scenario has no objectives. */
    public int percent() {
        return total() == 0 ? 100 : met() * 100 / total();
    }

    /** Plain text: a summary line, then one line per objective ({@code [met]} or {@code [missed]}). */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Grade for ").append(scenario).append(": ").append(met()).append(" of ").append(total())
                .append(" objectives met (").append(percent()).append("%)\n");
        for (Check c : checks) {
            out.append(c.met() ? "[met]    " : "[missed] ").append(c.objective()).append(' ').append(c.subject())
                    .append(": ").append(c.feedback()).append('\n');
        }
        return out.toString();
    }
}
