package org.jailsh.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jailsh.spi.HostExec;
import org.jailsh.spi.Reporter;

/** Lays out a minimal root around one static busybox: directories, one relative link per applet, and /etc. */
final class BusyboxRootfs {

    static final List<String> DIRS = List.of("bin", "sbin", "usr/bin", "usr/sbin", "etc/rc.d", "tmp", "proc", "dev",
            "sys", "root", "home", "mnt", "run", "var/run", "var/log", "var/tmp");

    /** Links one applet name after another to the same target, in one process instead of one per link. */
    static final String LINKS = """
            cd "$1" || exit 1
            t=$2
            shift 2
            for name; do ln -s -- "$t" "$name" || exit 1; done
            """;

    private BusyboxRootfs() {
    }

    static void build(Path root, Path busybox, List<String> appletPaths, String version, HostExec exec,
                      Reporter reporter) {
        List<String> mkdir = new ArrayList<>(List.of("mkdir", "-p", "--"));
        DIRS.forEach(dir -> mkdir.add(root.resolve(dir).toString()));
        exec.check(mkdir.toArray(String[]::new));
        exec.check("install", "-m", "0755", "--", busybox.toString(), root.resolve("bin/busybox").toString());
        Map<String, List<String>> byDirectory = byDirectory(appletPaths);
        long applets = byDirectory.values().stream().mapToLong(List::size).sum();
        long linked = 0;
        for (Map.Entry<String, List<String>> dir : byDirectory.entrySet()) {
            List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", LINKS, "jailsh-links",
                    root.resolve(dir.getKey()).toString(), target(dir.getKey())));
            argv.addAll(dir.getValue());
            exec.check(argv.toArray(String[]::new));
            linked += dir.getValue().size();
            reporter.progress("link applets", linked, applets);
        }
        exec.check("chmod", "1777", "--", root.resolve("tmp").toString(), root.resolve("var/tmp").toString());
        exec.check("chmod", "0700", "--", root.resolve("root").toString());
        files(version).forEach((name, content) -> exec.writeFile(root.resolve(name), content));
        exec.check("chmod", "0755", "--", root.resolve("etc/rc").toString(),
                root.resolve("etc/rc.shutdown").toString());
        exec.check("chmod", "0640", "--", root.resolve("etc/shadow").toString());
    }

    /**
     * Applet paths from {@code busybox --list-full} grouped by directory. Only the four usual directories are taken,
     * so an odd line can never place a link outside them; busybox itself and {@code linuxrc} are skipped.
     */
    static Map<String, List<String>> byDirectory(List<String> appletPaths) {
        Map<String, List<String>> dirs = new TreeMap<>();
        for (String path : appletPaths) {
            String p = path.trim().replaceFirst("^/+", "");
            if (!p.matches("(bin|sbin|usr/bin|usr/sbin)/[A-Za-z0-9_.\\[\\]+-]+") || p.equals("bin/busybox")
                    || p.endsWith("/.") || p.endsWith("/..")) {
                continue;
            }
            int slash = p.lastIndexOf('/');
            dirs.computeIfAbsent(p.substring(0, slash), d -> new ArrayList<>()).add(p.substring(slash + 1));
        }
        return dirs;
    }

    /** Relative, so the links work inside the jail and when the root is looked at from the host. */
    static String target(String dir) {
        return dir.equals("bin") ? "busybox" : "../".repeat(dir.split("/").length) + "bin/busybox";
    }

    static Map<String, String> files(String version) {
        Map<String, String> files = new TreeMap<>();
        files.put("etc/passwd", """
                root:x:0:0:root:/root:/bin/sh
                daemon:x:1:1:daemon:/usr/sbin:/bin/false
                nobody:x:65534:65534:nobody:/nonexistent:/bin/false
                """);
        files.put("etc/group", """
                root:x:0:
                daemon:x:1:
                adm:x:4:
                tty:x:5:
                wheel:x:10:root
                nogroup:x:65534:
                """);
        files.put("etc/shadow", """
                root:*:19000:0:99999:7:::
                daemon:*:19000:0:99999:7:::
                nobody:*:19000:0:99999:7:::
                """);
        files.put("etc/hostname", "busybox\n");
        files.put("etc/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        files.put("etc/profile", """
                export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                PS1='\\u@\\h:\\w\\$ '
                for f in /etc/profile.d/*.sh; do [ -r "$f" ] && . "$f"; done
                unset f
                """);
        files.put("etc/rc", """
                #!/bin/sh
                # Run by jailsh when the jail starts (iocage's exec_start, "/bin/sh /etc/rc").
                # Executable scripts named /etc/rc.d/*.start run in order; put the jail's services there.
                for script in /etc/rc.d/*.start; do
                    if [ -x "$script" ]; then "$script"; fi
                done
                exit 0
                """);
        files.put("etc/rc.shutdown", """
                #!/bin/sh
                # Run by jailsh before the jail stops (iocage's exec_stop, "/bin/sh /etc/rc.shutdown").
                for script in /etc/rc.d/*.stop; do
                    if [ -x "$script" ]; then "$script"; fi
                done
                exit 0
                """);
        files.put("etc/jailsh-release", "NAME=busybox\nVERSION=" + version + "\n");
        return files;
    }
}
