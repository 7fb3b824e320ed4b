package org.jailsh.dsl;

import groovy.lang.Closure;

/** The one way DSL closures run: on a copy, with the delegate first, so blocks can be reused and nested safely. */
final class Closures {

    private Closures() {
    }

    static <T> T call(Closure<?> body, T delegate) {
        if (body != null) {
            Closure<?> copy = (Closure<?>) body.clone();
            copy.setResolveStrategy(Closure.DELEGATE_FIRST);
            copy.setDelegate(delegate);
            copy.call(delegate);
        }
        return delegate;
    }
}
