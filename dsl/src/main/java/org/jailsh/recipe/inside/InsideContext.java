package org.jailsh.recipe.inside;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jailsh.model.Levenshtein;
import org.jailsh.model.ValueChecks;
import org.jailsh.recipe.Secrets;
import org.jailsh.spi.ValidationException;

/**
 * The delegate of {@code inside(jail) { … }}: the in-jail verbs. Each statement only records an action; the block's
 * actions run afterwards, in order, each checking the jail first ({@link InsideVerb}).
 */
public class InsideContext {

    private final GuestOs os;
    private final Function<String, String> templates;
    private final Secrets secrets;
    private final List<GuestAction> actions = new ArrayList<>();

    /**
     * @param os        what runs in the jail (asked of it; in a plan, guessed from its release)
     * @param templates renders a file of the recipe ({@code from: 'sshd.conf'}) with its parameters
     */
    public InsideContext(GuestOs os, Function<String, String> templates, Secrets secrets) {
        this.os = os;
        this.templates = templates;
        this.secrets = secrets;
    }

    /** {@code freebsd}, {@code debian}, {@code busybox} or {@code linux}: for {@code if (os == 'debian') …}. */
    public String getOs() {
        return os.name().toLowerCase(Locale.ROOT);
    }

    /** The group whose members may become root: {@code wheel} (FreeBSD, busybox) or {@code sudo} (Debian). */
    public String getAdminGroup() {
        return os.adminGroup();
    }

    public List<GuestAction> actions() {
        return List.copyOf(actions);
    }

    /** {@code pkg 'openssh-server', 'sudo'}: installed unless they are (pkg on FreeBSD, apt-get on Debian). */
    public void pkg(String... names) {
        if (names.length == 0) {
            throw new ValidationException("pkg needs package names", "e.g. pkg 'openssh-server'");
        }
        Arrays.stream(names).filter(n -> !n.matches("[A-Za-z0-9][A-Za-z0-9+._:-]*")).findFirst().ifPresent(n -> {
            throw new ValidationException("'" + n + "' is not a package name", "e.g. pkg 'openssh-server'");
        });
        actions.add(new PackageAction(List.of(names)));
    }

    /** {@code sysrc sshd_enable: 'YES'}: rc.conf keys (sysrc on FreeBSD, /etc/rc.conf kept by jailsh on Linux). */
    public void sysrc(Map<String, ?> values) {
        Map<String, String> checked = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String text = String.valueOf(value);
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*") || !text.matches("[^\"\\\\$`\\p{Cntrl}]*")) {
                throw new ValidationException("sysrc " + ValueChecks.printable(key) + "=" + ValueChecks.printable(text)
                        + ": not an rc.conf key and value",
                        "keys are letters, digits and '_'; values cannot contain \", \\, $, ` or a control character");
            }
            checked.put(key, text);
        });
        if (!checked.isEmpty()) {
            actions.add(new SysrcAction(checked));
        }
    }

    /** {@code service 'sshd', 'start'}: start, stop, restart or reload (sshd is Debian's ssh). */
    public void service(String name, String action) {
        actions.add(new ServiceAction(name, action));
    }

    public void user(String name) {
        user(Map.of(), name);
    }

    /** {@code user 'jailuser', groups: ['wheel'], shell: '/bin/sh', password: password, uid: 1001, group: 'media'}. */
    public void user(Map<String, ?> options, String name) {
        check("user", options, Set.of("groups", "shell", "password", "uid", "group", "home", "comment"));
        List<String> groups = new ArrayList<>();
        Object g = options.get("groups");
        if (g instanceof Iterable<?> items) {
            items.forEach(item -> groups.add(String.valueOf(item)));
        } else if (g != null) {
            groups.addAll(Arrays.asList(String.valueOf(g).split("\\s*,\\s*")));
        }
        actions.add(new UserAction(new UserAction.Spec(name, number(options.get("uid"), "uid"), text(options, "group"),
                List.copyOf(groups), text(options, "shell"), text(options, "home"), text(options, "comment"))));
        if (options.get("password") != null) {
            passwd(name, options.get("password"));
        }
    }

    public void group(String name) {
        group(Map.of(), name);
    }

    /** {@code group 'media', gid: 8675309}. */
    public void group(Map<String, ?> options, String name) {
        check("group", options, Set.of("gid"));
        actions.add(new GroupAction(name, number(options.get("gid"), "gid")));
    }

    /** {@code passwd 'root', password}: the password travels on stdin and is shown as ******. */
    public void passwd(String user, Object password) {
        String secret = password == null ? null : String.valueOf(password);
        secrets.add(secret);
        actions.add(new PasswordAction(user, secret));
    }

    /** {@code file '/etc/motd', content: 'hello\n'} or {@code from: 'motd'} (a file of the recipe, rendered). */
    public void file(Map<String, ?> options, String path) {
        check("file", options, Set.of("content", "from", "mode", "owner"));
        if (options.containsKey("content") == options.containsKey("from")) {
            throw new ValidationException("file " + path + " needs either content: or from:",
                    "e.g. file '" + path + "', content: 'hello\\n'");
        }
        String content = options.containsKey("from") ? templates.apply(String.valueOf(options.get("from")))
                : String.valueOf(options.get("content"));
        actions.add(new FileAction(path, content, text(options, "mode"), text(options, "owner")));
    }

    /** {@code dir '/media', owner: 'media:media', mode: '2775'}: made, and its owner and mode set, when needed. */
    public void dir(Map<String, ?> options, String path) {
        check("dir", options, Set.of("owner", "mode"));
        actions.add(new DirAction(path, text(options, "owner"), text(options, "mode")));
    }

    public void dir(String path) {
        dir(Map.of(), path);
    }

    /** {@code exec 'make install'}; guarded with {@code creates: PATH} or {@code unless: COMMAND}. */
    public void exec(String command) {
        exec(Map.of(), command);
    }

    public void exec(Map<String, ?> options, String command) {
        check("exec", options, Set.of("creates", "unless"));
        actions.add(new ExecAction(command, text(options, "creates"), text(options, "unless")));
    }

    private static String text(Map<String, ?> options, String key) {
        Object value = options.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static Long number(Object value, String what) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new ValidationException(what + " '" + value + "' is not a number", "e.g. " + what + ": 1001");
        }
    }

    /** An unknown option fails with the nearest known ones. */
    static void check(String verb, Map<String, ?> options, Set<String> known) {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                List<String> near = known.stream().filter(k -> Levenshtein.distance(k, key) <= 2).sorted().toList();
                throw new ValidationException(verb + " has no option '" + key + "'", near.isEmpty()
                        ? "its options: " + String.join(", ", known.stream().sorted().toList())
                        : "did you mean " + String.join(", ", near) + "?");
            }
        }
    }
}
