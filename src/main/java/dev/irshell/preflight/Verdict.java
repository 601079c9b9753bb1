package dev.irshell.preflight;

import java.util.List;

/**
 * Whether the principal may call one IAM action, and what decided it.
 *
 * @param detail   what decided it, e.g. {@code explicit deny}, {@code implicit deny}, {@code root user},
 *                 {@code needs no permission}, or why it was not checked
 * @param policies the policies whose statements decided it, where the method tells (simulation)
 */
public record Verdict(Status status, String detail, List<String> policies) {
    public enum Status {
        ALLOWED("allowed"), DENIED("denied"), NOT_CHECKED("not checked");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Verdict {
        policies = policies == null ? List.of() : List.copyOf(policies);
        detail = detail == null ? "" : detail;
    }

    public static Verdict allowed(String detail, List<String> policies) {
        return new Verdict(Status.ALLOWED, detail, policies);
    }

    public static Verdict denied(String detail, List<String> policies) {
        return new Verdict(Status.DENIED, detail, policies);
    }

    public static Verdict notChecked(String why) {
        return new Verdict(Status.NOT_CHECKED, why, List.of());
    }

    public boolean allowed() {
        return status == Status.ALLOWED;
    }

    public boolean denied() {
        return status == Status.DENIED;
    }

    /** One line: {@code denied: explicit deny (AWSCompromisedKeyQuarantineV2)}. */
    public String describe() {
        StringBuilder b = new StringBuilder(status.label());
        if (!detail.isEmpty()) {
            b.append(": ").append(detail);
        }
        if (!policies.isEmpty()) {
            b.append(" (").append(String.join(", ", policies)).append(')');
        }
        return b.toString();
    }
}
