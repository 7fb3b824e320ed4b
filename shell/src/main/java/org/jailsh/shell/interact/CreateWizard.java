package org.jailsh.shell.interact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jailsh.api.Jails;
import org.jailsh.model.IocageProperties;
import org.jailsh.model.JailNames;
import org.jailsh.model.JailType;
import org.jailsh.model.PropertyRules;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ValidationException;
import org.jailsh.verbs.JailInfo;

/**
 * The seed's Jail Wizard for {@code create} without arguments: name, type, release, networking, a summary that shows
 * the equivalent command line and Groovy block, then a confirmation. Every answer is checked as it is given, by the
 * same rules {@code create} applies, and asked again with the reason. An empty name, Ctrl-C or Ctrl-D gives up;
 * nothing is changed until the last answer is yes, and then only by the caller.
 */
public final class CreateWizard {

    private static final String NONE = "none";

    private final Prompter prompter;
    private final Jails jails;

    public CreateWizard(Prompter prompter, Jails jails) {
        this.prompter = prompter;
        this.jails = jails;
    }

    /** The jail the person asked for, or empty when they gave up or did not confirm. */
    public Optional<NewJail> ask() {
        try {
            prompter.say("New jail — an empty name, Ctrl-C or Ctrl-D cancels; nothing is created before the summary.");
            String name = name();
            JailType type = choose("Jail type", List.of(
                    new Option("clone", "shares the release until written"),
                    new Option("basejail", "its own root, the release's system directories read-only")), 0) == 0
                    ? JailType.CLONE : JailType.BASEJAIL;
            String release = release();
            Network network = network(name);
            NewJail jail = new NewJail(name, type, release, network.label(), network.properties());
            summary(jail);
            return prompter.confirm("Create " + name + "? [y/N] ") ? Optional.of(jail) : Optional.empty();
        } catch (Cancelled e) {
            return Optional.empty();
        }
    }

    private String name() {
        Set<String> taken = new TreeSet<>();
        Stream.concat(jails.list(false).stream(), jails.list(true).stream()).map(JailInfo::name)
                .forEach(n -> taken.add(JailNames.collisionKey(n)));
        while (true) {
            String answer = answer("Jail name (letters, digits, '.', '-', '_'): ");
            if (answer.isEmpty()) {
                throw new Cancelled();
            }
            try {
                JailNames.check(answer);
                if (taken.contains(JailNames.collisionKey(answer))) {
                    throw new ValidationException("a jail named " + answer + " already exists"
                            + " ('.' and '_' count as the same character)", "choose another name");
                }
                return answer;
            } catch (JailshException e) {
                prompter.say("  " + e.userMessage());
            }
        }
    }

    /** Releases fetched here, then those the active release providers can fetch on this platform. */
    private String release() {
        List<Map<String, Object>> rows = jails.releases();
        if (rows.isEmpty()) {
            throw new JailshException("no release provider can fetch a release on this host",
                    "see 'providers'; or fetch -r NAME --url URL --sha256 HASH, then run create again");
        }
        List<Option> options = new ArrayList<>();
        int preferred = -1;
        for (Map<String, Object> row : rows) {
            boolean fetched = Boolean.TRUE.equals(row.get("fetched"));
            options.add(new Option(String.valueOf(row.get("name")), fetched ? "fetched" : "fetched when created"));
            if (fetched && preferred < 0) {
                preferred = options.size() - 1;
            }
        }
        return options.get(choose("Release", options, Math.max(0, preferred))).name();
    }

    private Network network(String jail) {
        List<Option> options = List.of(
                new Option("none", "no network; add it later with set"),
                new Option("dhcp", "VNET, address from a DHCP server"),
                new Option("static", "VNET, static IPv4/IPv6 addresses and default routers"),
                new Option("nat", "VNET behind the host's address (NAT)"),
                new Option("shared", "static addresses on the host's interface, no VNET"));
        while (true) {
            int choice = choose("Networking", options, 0);
            Map<String, String> properties = new LinkedHashMap<>();
            String label = switch (choice) {
                case 1 -> {
                    properties.put("vnet", "on");
                    properties.put("dhcp", "on");
                    yield "VNET, DHCP";
                }
                case 2 -> {
                    properties.put("vnet", "on");
                    addresses(jail, true, properties);
                    yield "VNET, static";
                }
                case 3 -> {
                    properties.put("vnet", "on");
                    properties.put("nat", "on");
                    yield "VNET, NAT";
                }
                case 4 -> {
                    addresses(jail, false, properties);
                    yield "shared, static";
                }
                default -> "none";
            };
            try {
                Map<String, Object> changes = new LinkedHashMap<>(properties);
                PropertyRules.addImplied(changes);
                PropertyRules.check(jail, PropertyRules.merged(jails.session().store().defaults(), changes));
                return new Network(label, properties);
            } catch (JailshException e) {
                prompter.say("  " + e.userMessage());
            }
        }
    }

    /** Static addresses: at least one of IPv4 and IPv6; default routers only with VNET, as the seed's form has it. */
    private void addresses(String jail, boolean vnet, Map<String, String> properties) {
        String example = vnet ? "vnet0|" : "";
        while (true) {
            String ip4 = property(jail, "ip4_addr", "IPv4 address (e.g. " + example + "192.168.1.10/24; empty for none): ");
            if (vnet && !ip4.equals(NONE)) {
                properties.put("ip4_addr", ip4);
                properties.put("defaultrouter", property(jail, "defaultrouter",
                        "IPv4 default router (an address, auto or none) [auto]: ", "auto"));
            } else if (!ip4.equals(NONE)) {
                properties.put("ip4_addr", ip4);
            }
            String ip6 = property(jail, "ip6_addr", "IPv6 address (e.g. " + example + "fd00::10/64; empty for none): ");
            if (!ip6.equals(NONE)) {
                properties.put("ip6_addr", ip6);
                if (vnet) {
                    properties.put("defaultrouter6", property(jail, "defaultrouter6",
                            "IPv6 default router (an address, auto or none) [auto]: ", "auto"));
                }
            }
            if (properties.containsKey("ip4_addr") || properties.containsKey("ip6_addr")) {
                return;
            }
            prompter.say("  give an IPv4 or an IPv6 address, or press Ctrl-C and choose other networking");
        }
    }

    private String property(String jail, String key, String question) {
        return property(jail, key, question, NONE);
    }

    /** One property's value, checked by the property table as set and create check it; empty means the default. */
    private String property(String jail, String key, String question, String fallback) {
        while (true) {
            String answer = answer(question);
            String value = answer.isEmpty() ? fallback : answer;
            try {
                IocageProperties.require(key).parse(jail, value);
                return value;
            } catch (JailshException e) {
                prompter.say("  " + e.userMessage());
            }
        }
    }

    private void summary(NewJail jail) {
        prompter.say("");
        prompter.say("  name      " + jail.name());
        prompter.say("  type      " + (jail.type() == JailType.BASEJAIL ? "basejail" : "clone"));
        prompter.say("  release   " + jail.release());
        prompter.say("  network   " + jail.network()
                + jail.properties().entrySet().stream().filter(e -> !e.getValue().equals("on"))
                .map(e -> "  " + e.getKey() + "=" + e.getValue()).reduce("", String::concat));
        prompter.say("The same from the command line or at jailsh>:");
        prompter.say("  " + jail.cliLine());
        prompter.say("In Groovy (scripts, recipes, jailsh>):");
        prompter.say("  " + jail.dslBlock());
    }

    /** A numbered list; the answer is a number or a name, Enter takes the default. */
    private int choose(String title, List<Option> options, int preferred) {
        prompter.say(title + ":");
        for (int i = 0; i < options.size(); i++) {
            prompter.say(String.format(Locale.ROOT, "  %d) %-10s %s", i + 1, options.get(i).name(),
                    options.get(i).description()));
        }
        while (true) {
            String answer = answer("Choice [" + (preferred + 1) + "]: ");
            if (answer.isEmpty()) {
                return preferred;
            }
            for (int i = 0; i < options.size(); i++) {
                if (answer.equals(Integer.toString(i + 1)) || answer.equalsIgnoreCase(options.get(i).name())) {
                    return i;
                }
            }
            prompter.say("  '" + answer + "' is not one of the choices; answer 1 to " + options.size()
                    + " or a name from the list");
        }
    }

    private String answer(String question) {
        String answer = prompter.ask(question);
        if (answer == null) {
            throw new Cancelled();
        }
        return answer.trim();
    }

    private record Option(String name, String description) {
    }

    private record Network(String label, Map<String, String> properties) {
    }

    /** The person gave up: Ctrl-C, Ctrl-D, end of input or an empty name. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }
}
