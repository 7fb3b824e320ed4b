package org.jailsh.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help made from each verb's own metadata: {@code /help} lists the verbs with picocli's descriptions; {@code help
 * VERB} and {@code jailsh help VERB} print picocli's usage with a runnable example as its footer. The examples
 * live in {@code help-examples.txt} next to this class; HelpExamplesSpec runs every one so they stay true.
 */
public final class Help {

    static final String EXAMPLES = "help-examples.txt";

    private Help() {
    }

    /** The examples by verb: input lines as typed at {@code jailsh>}, and {@code = TEXT} lines of expected output. */
    public static Map<String, List<String>> examples() {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        try (InputStream in = Help.class.getResourceAsStream(EXAMPLES)) {
            if (in == null) {
                return examples;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> current = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("[") && line.endsWith("]")) {
                    current = examples.computeIfAbsent(line.substring(1, line.length() - 1), k -> new ArrayList<>());
                } else if (current != null && !line.isBlank() && !line.startsWith("#")) {
                    current.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    /** Puts each verb's example under its usage, and points {@code jailsh --help} at {@code help VERB}. */
    static void decorate(CommandLine cli) {
        Map<String, List<String>> examples = examples();
        cli.getSubcommands().forEach((name, sub) -> {
            List<String> lines = examples.get(name);
            if (lines != null && sub.getCommandSpec().usageMessage().footer().length == 0) {
                List<String> footer = new ArrayList<>();
                footer.add("%nExample:");
                lines.stream().filter(l -> !l.startsWith("= "))
                        .forEach(l -> footer.add("  jailsh> " + l.replace("%", "%%")));
                sub.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
            }
        });
        cli.getCommandSpec().usageMessage().footer("%nWithout a verb, jailsh opens its shell (Groovy and iocage "
                + "spellings). 'jailsh help VERB' shows a verb's options and an example; docs/verbs/ has a page each.");
    }

    /** {@code /help}: the two spellings, then every verb with the first line of its description. */
    static void print(Output out, CommandLine cli) {
        out.line("""
                jailsh speaks Groovy and iocage. Both spellings of a verb do the same thing:
                  jail('web') { release 'busybox'; vnet true; mount '/srv/www' to '/www', readOnly: true }
                  create -r busybox -n db          set vnet=on db          fstab -a db /srv/db /var/db rw
                  start web                        web.exec 'hostname'     stop web
                  plan { jail('x') { release 'busybox' } }   # shows the steps, changes nothing
                verbs:""");
        for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
            CommandSpec spec = e.getValue().getCommandSpec();
            if (spec.usageMessage().hidden() || e.getKey().equals("help")) {
                continue;
            }
            String summary = JailshCompleter.summary(spec);
            out.line(String.format("  %-10s %s", e.getKey(), summary == null ? "" : summary));
        }
        out.line("""
                recipes: run ssh-jail --param name=web --param password=…   or   recipe 'ssh-jail', name: 'web', …
                help VERB shows a verb's options and an example. Tab completes verbs, jails, properties and their
                values, releases, recipes and paths. /providers /history /exit; Ctrl-D leaves.""");
    }
}
