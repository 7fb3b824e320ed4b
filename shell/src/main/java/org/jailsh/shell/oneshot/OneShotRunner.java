package org.jailsh.shell.oneshot;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

import org.jailsh.shell.Errors;
import org.jailsh.shell.JailshCommand;
import org.jailsh.shell.ShellContext;
import org.jailsh.shell.commands.VerbCommand;

/** Runs a line the one-shot parser read, the way picocli runs it: the shell's setters, the verb's fields, its call. */
public final class OneShotRunner {

    private OneShotRunner() {
    }

    /** The verb's exit code, or null when the line goes back to picocli (a shell option's value was refused). */
    public static Integer run(OneShotLine line, ShellContext context) {
        VerbCommand command = prepare(line, context);
        if (command == null) {
            return null;
        }
        try {
            return command.call();
        } catch (Exception | AssertionError e) {
            return Errors.report(e, context.output(), context.debug());
        }
    }

    /** The shell options applied to the context and the verb's command made, or null for picocli to do it. */
    static VerbCommand prepare(OneShotLine line, ShellContext context) {
        JailshCommand shell = new JailshCommand(context);
        try {
            for (Map.Entry<OneShotModel.Global, String> option : line.shellOptions()) {
                set(shell, option.getKey(), option.getValue());
            }
            return command(line, shell);
        } catch (ReflectiveOperationException | InvalidPathException | ClassCastException e) {
            // a refused value (a setter threw, a path with NUL) or a model that does not match the classes:
            // picocli reads the line again, from the classes, and names what it refuses
            return null;
        }
    }

    static VerbCommand command(OneShotLine line, JailshCommand shell) throws ReflectiveOperationException {
        VerbCommand command = (VerbCommand) Class.forName(line.verb().type()).getDeclaredConstructor().newInstance();
        command.parent(shell);
        for (Map.Entry<String, Object> value : line.fields().entrySet()) {
            field(command.getClass(), value.getKey()).set(command, value.getValue());
        }
        return command;
    }

    private static void set(JailshCommand shell, OneShotModel.Global option, String value)
            throws ReflectiveOperationException {
        Class<?> type = switch (option.type()) {
            case "boolean" -> boolean.class;
            case "java.nio.file.Path" -> Path.class;
            default -> String.class;
        };
        Object argument = type == boolean.class ? Boolean.TRUE : type == Path.class ? Path.of(value) : value;
        Method setter = JailshCommand.class.getDeclaredMethod(option.method(), type);
        setter.setAccessible(true);
        setter.invoke(shell, argument);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
