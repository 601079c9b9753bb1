package dev.irshell.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.engine.Inputs;
import dev.irshell.engine.Session;
import dev.irshell.runbook.InputDef;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

/** Tab completion: runbook ids, step ids, input names, and the resources found so far. */
public final class Completion {
    private Completion() {}

    /** Every scalar value the session's steps produced (instance ids, keys, users, regions). */
    static Set<String> foundValues(Session s) {
        Set<String> out = new LinkedHashSet<>();
        s.outputs().forEach(step -> step.forEach(v -> collect(v, out)));
        s.inputs().forEach(v -> collect(v, out));
        return out;
    }

    private static void collect(JsonNode v, Set<String> out) {
        if (v.isTextual() && !v.textValue().isBlank() && v.textValue().length() < 200) {
            out.add(v.textValue());
        } else if (v.isArray()) {
            v.forEach(x -> collect(x, out));
        }
    }

    @Component
    public static final class RunbookIds implements ValueProvider {
        private final ShellState state;

        public RunbookIds(ShellState state) {
            this.state = state;
        }

        @Override
        public List<CompletionProposal> complete(CompletionContext ctx) {
            return state.workspace().runbooks().ids().stream().map(CompletionProposal::new).toList();
        }
    }

    @Component
    public static final class StepIds implements ValueProvider {
        private final ShellState state;

        public StepIds(ShellState state) {
            this.state = state;
        }

        @Override
        public List<CompletionProposal> complete(CompletionContext ctx) {
            return state.session().map(s -> s.stepIds().stream().map(CompletionProposal::new).toList()).orElse(List.of());
        }
    }

    /**
     * For {@code start RUNBOOK --input}: {@code name=} for each input of the runbook being started,
     * and {@code name=value} for every value found so far that is valid for that input.
     */
    @Component
    public static final class InputValues implements ValueProvider {
        private final ShellState state;

        public InputValues(ShellState state) {
            this.state = state;
        }

        @Override
        public List<CompletionProposal> complete(CompletionContext ctx) {
            List<String> words = ctx.getWords();
            Runbook rb = words.size() > 1 ? state.workspace().runbooks().find(words.get(1)).orElse(null) : null;
            if (rb == null) {
                return List.of();
            }
            Set<String> found = state.session().map(Completion::foundValues).orElse(Set.of());
            List<CompletionProposal> out = new ArrayList<>();
            for (InputDef d : rb.inputs()) {
                out.add(new CompletionProposal(d.name() + "=").complete(false).description(d.description()));
                for (String v : found) {
                    if (Inputs.problem(d, v).isEmpty() && d.pattern() != null) {
                        out.add(new CompletionProposal(d.name() + "=" + v));
                    }
                }
            }
            return out;
        }
    }
}
