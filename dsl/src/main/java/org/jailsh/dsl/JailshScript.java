package org.jailsh.dsl;

import groovy.lang.Script;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * The base class of REPL lines, {@code -c} snippets, {@code run FILE.groovy} and recipes: every verb of
 * {@link DslVerbs} is callable without a receiver ({@code jail('web') { … }}, {@code start web}).
 */
public abstract class JailshScript extends Script {

    protected DslVerbs verbs() {
        return ((JailBinding) getBinding()).verbs();
    }

    /** Verbs are found on {@link DslVerbs}; a word that is nothing fails with Groovy's MissingMethodException. */
    public Object methodMissing(String name, Object args) {
        return InvokerHelper.invokeMethod(verbs(), name, args);
    }
}
