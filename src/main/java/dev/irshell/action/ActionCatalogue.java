package dev.irshell.action;

import dev.irshell.runbook.ActionSignature;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every action irshell knows, by name. */
public final class ActionCatalogue {
    private final Map<String, Action> actions = new LinkedHashMap<>();

    public ActionCatalogue(Collection<? extends Action> all) {
        for (Action a : all) {
            if (actions.put(a.spec().name(), a) != null) {
                throw new IllegalArgumentException("two actions are named " + a.spec().name());
            }
        }
    }

    public Optional<Action> find(String name) {
        return Optional.ofNullable(actions.get(name));
    }

    public Collection<Action> all() {
        return actions.values();
    }

    /** For the runbook validator. */
    public Optional<ActionSignature> signature(String name) {
        return find(name).map(a -> a.spec().signature());
    }
}
