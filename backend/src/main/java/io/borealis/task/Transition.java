package io.borealis.task;

import java.util.Set;

/**
 * The answer of {@link TaskStateMachine}: whether the change applies, and what else to do.
 *
 * @param outcome APPLIED, NOOP (already in that state) or ILLEGAL (not allowed from here)
 * @param from the state before
 * @param to the state asked for
 * @param effects what to do after saving (empty unless APPLIED)
 */
public record Transition(Outcome outcome, TaskState from, TaskState to, Set<SideEffect> effects) {

    public enum Outcome {
        APPLIED,
        NOOP,
        ILLEGAL
    }

    public Transition {
        effects = Set.copyOf(effects);
    }

    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }

    public boolean has(SideEffect effect) {
        return effects.contains(effect);
    }
}
