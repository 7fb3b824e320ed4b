package org.jailsh.recipe;

import java.util.Map;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;

import org.jailsh.dsl.JailshScript;
import org.jailsh.recipe.inside.InsideContext;

/**
 * The base class of {@code recipe.groovy}: the REPL's verbs, plus {@code param}, {@code include}, {@code inside} and
 * two questions a recipe needs to stay idempotent ({@code exists}, {@code isTemplate}). {@code println} goes to the
 * shell's output, with secrets masked.
 */
public abstract class RecipeScript extends JailshScript {

    static final String FRAME = "jailshRecipeFrame";

    private RecipeFrame frame() {
        return (RecipeFrame) getBinding().getVariable(FRAME);
    }

    /** {@code param 'user', default: 'jailuser', required: true, secret: true, description: '…'}. */
    public Object param(Map<String, ?> options, String name) {
        return frame().declare(name, options);
    }

    public Object param(String name) {
        return param(Map.of(), name);
    }

    /** {@code include 'media-share', jail: name}: runs another recipe here, with these parameters. */
    public void include(Map<String, ?> params, String name) {
        frame().run().include(name, params);
    }

    public void include(String name) {
        include(Map.of(), name);
    }

    /** {@code inside(web) { pkg 'openssh-server'; service 'sshd', 'start' }}: verbs that work inside the jail. */
    public void inside(Object jail,
                       @DelegatesTo(value = InsideContext.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        frame().run().inside(frame(), String.valueOf(jail), body);
    }

    /** True when the jail exists (in a dry run: or the recipe planned it). */
    public boolean exists(Object jail) {
        return frame().run().verbs().exists(String.valueOf(jail));
    }

    /** True when the jail is a template (in a dry run: or the recipe planned to make it one). */
    public boolean isTemplate(Object jail) {
        return frame().run().verbs().isTemplate(String.valueOf(jail));
    }

    /** The host profile, {@code linux} or {@code freebsd}. */
    public String getPlatform() {
        return frame().run().verbs().facade().session().facts().platform().id();
    }

    @Override
    public void println(Object value) {
        frame().run().verbs().say(String.valueOf(value));
    }

    @Override
    public void println() {
        println("");
    }

    @Override
    public void print(Object value) {
        println(value);
    }
}
