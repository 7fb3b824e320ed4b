package org.jailsh.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.runtime.InvokerHelper;

/** Evaluates jailsh Groovy (REPL lines, snippets, script files) against one shared binding. */
public final class ScriptRunner {

    private final JailBinding binding;
    private final LineLoader loader;
    private final GroovyShell shell;
    private int counter;

    public ScriptRunner(DslVerbs verbs) {
        this.binding = new JailBinding(verbs);
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(JailshScript.class.getName());
        this.loader = new LineLoader(ScriptRunner.class.getClassLoader(), config);
        this.shell = new GroovyShell(loader, binding, config);
    }

    public JailBinding binding() {
        return binding;
    }

    /**
     * Each line compiles to a script class. Once it has run, its class and the meta-class Groovy built for it (an
     * index of every inherited method, ~60 KB) are dropped, so a long REPL session does not grow by a class a line;
     * classes a line declares stay loadable by later lines, and closures it left in the binding keep theirs alive.
     */
    public Object evaluate(String text) {
        counter++;
        Script script = shell.parse(text, "jailsh" + counter + ".groovy");
        try {
            return script.run();
        } finally {
            loader.forget(script.getClass());
        }
    }

    public Object run(Path file) {
        try {
            String text = Files.readString(file);
            String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9_]", "_");
            return shell.evaluate(text, name.endsWith("_groovy") ? name.replace("_groovy", ".groovy") : name + ".groovy");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** GroovyShell compiles through this loader when given it; it can drop one class from its cache. */
    private static final class LineLoader extends GroovyClassLoader {

        LineLoader(ClassLoader parent, CompilerConfiguration config) {
            super(parent, config);
        }

        /** The line's script class and the classes generated inside it (closures: {@code jailsh12$_run_closure1}). */
        void forget(Class<?> scriptClass) {
            String name = scriptClass.getName();
            for (Class<?> c : getLoadedClasses()) {
                if (c.getName().equals(name) || c.getName().startsWith(name + "$")) {
                    removeClassCacheEntry(c.getName());
                    InvokerHelper.removeClass(c);
                }
            }
        }
    }
}
