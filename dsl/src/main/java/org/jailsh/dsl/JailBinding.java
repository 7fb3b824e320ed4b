package org.jailsh.dsl;

import groovy.lang.Binding;
import groovy.lang.MissingPropertyException;

/**
 * The REPL's and scripts' shared variables, where a jail's name is a variable too: {@code start web} finds the jail
 * {@code web} when no variable of that name was defined.
 */
public final class JailBinding extends Binding {

    static final String VERBS = "jailsh";

    public JailBinding(DslVerbs verbs) {
        setVariable(VERBS, verbs);
    }

    public DslVerbs verbs() {
        return (DslVerbs) super.getVariable(VERBS);
    }

    @Override
    public Object getVariable(String name) {
        if (super.hasVariable(name)) {
            return super.getVariable(name);
        }
        if (verbs().facade().session().store().find(name).isPresent()) {
            return new JailHandle(verbs(), name);
        }
        throw new MissingPropertyException("no variable or jail named " + name, name, JailBinding.class);
    }

    @Override
    public boolean hasVariable(String name) {
        return super.hasVariable(name) || verbs().facade().session().store().find(name).isPresent();
    }
}
