package org.jailsh.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import groovy.lang.GroovyShell;
import org.codehaus.groovy.control.CompilerConfiguration;

/** Evaluates jailsh Groovy (REPL lines, snippets, script files) against one shared binding. */
public final class ScriptRunner {

    private final JailBinding binding;
    private final GroovyShell shell;
    private int counter;

    public ScriptRunner(DslVerbs verbs) {
        this.binding = new JailBinding(verbs);
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(JailshScript.class.getName());
        this.shell = new GroovyShell(ScriptRunner.class.getClassLoader(), binding, config);
    }

    public JailBinding binding() {
        return binding;
    }

    public Object evaluate(String text) {
        counter++;
        return shell.evaluate(text, "jailsh" + counter + ".groovy");
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
}
