package org.jailsh.recipe.inside;

import java.util.ArrayList;
import java.util.List;

/**
 * The constant shell scripts in-jail verbs run as {@code /bin/sh -c SCRIPT jailsh-NAME ARGS…}. Every value is a
 * positional argument, never script text; secrets and file contents come on stdin. They are POSIX sh, for busybox ash,
 * Debian's dash and FreeBSD's sh.
 */
final class GuestScripts {

    /** jailsh-write PATH MODE OWNER: the whole file from stdin, replaced atomically. */
    static final String WRITE = """
            set -e
            f=$1
            d=$(dirname "$f")
            [ -d "$d" ] || mkdir -p "$d"
            tmp="$f.jailsh-new"
            (umask 077 && cat > "$tmp")
            chmod "$2" "$tmp"
            chown "$3" "$tmp"
            mv -f "$tmp" "$f"
            """;

    /** jailsh-same PATH: exit 0 when the file's content is stdin. */
    static final String SAME = "cmp -s \"$1\" -\n";

    /** jailsh-service NAME ACTION: an init script, its output through a file so a daemon never holds our pipes. */
    static final String SERVICE = """
            s=/etc/init.d/$1
            if [ ! -x "$s" ]; then echo "no service $1 here ($s is missing)" >&2; exit 3; fi
            out=/tmp/.jailsh-service.$$
            "$s" "$2" </dev/null >"$out" 2>&1
            rc=$?
            cat "$out"; rm -f "$out"
            exit $rc
            """;

    /** jailsh-apt PACKAGE…: apt-get install, updating the lists once if they are missing; no service starts. */
    static final String APT = """
            export DEBIAN_FRONTEND=noninteractive
            policy=/usr/sbin/policy-rc.d
            made=
            if [ ! -e "$policy" ]; then
                printf '#!/bin/sh\\nexit 101\\n' > "$policy" && chmod 755 "$policy" && made=1
            fi
            install() {
                apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold "$@" </dev/null
            }
            install "$@" || { apt-get update -q </dev/null && install "$@"; }
            rc=$?
            if [ -n "$made" ]; then rm -f "$policy"; fi
            exit $rc
            """;

    /** jailsh-addgroup NAME GID, for jails without groupadd. */
    static final String ADDGROUP = "printf '%s:x:%s:\\n' \"$1\" \"$2\" >> /etc/group\n";

    /** jailsh-adduser NAME UID GID HOME SHELL COMMENT, for jails without useradd; the password stays locked. */
    static final String ADDUSER = """
            set -e
            printf '%s:x:%s:%s:%s:%s:%s\\n' "$1" "$2" "$3" "$6" "$4" "$5" >> /etc/passwd
            if [ -f /etc/shadow ]; then printf '%s:!:19000:0:99999:7:::\\n' "$1" >> /etc/shadow; fi
            mkdir -p "$4"
            chown "$2:$3" "$4"
            chmod 0755 "$4"
            """;

    /** jailsh-groupmems USER GROUP…: adds USER to each group's member list in /etc/group. */
    static final String GROUPMEMS = """
            set -e
            u=$1
            shift
            for g; do
                awk -F: -v OFS=: -v g="$g" -v u="$u" '$1 == g { n = split($4, m, ","); f = 0
                    for (i = 1; i <= n; i++) if (m[i] == u) f = 1
                    if (!f) $4 = ($4 == "" ? u : $4 "," u) } { print }' /etc/group > /etc/group.jailsh-new
                cat /etc/group.jailsh-new > /etc/group
                rm -f /etc/group.jailsh-new
            done
            """;

    /** jailsh-usershell USER SHELL: sets the login shell in /etc/passwd. */
    static final String USERSHELL = """
            set -e
            awk -F: -v OFS=: -v u="$1" -v s="$2" '$1 == u { $7 = s } { print }' /etc/passwd > /etc/passwd.jailsh-new
            cat /etc/passwd.jailsh-new > /etc/passwd
            rm -f /etc/passwd.jailsh-new
            """;

    /** jailsh-pwcheck USER, password on stdin (busybox): exit 0 when it is the user's password. */
    static final String PWCHECK_BUSYBOX = """
            IFS= read -r pw
            for f in /etc/shadow /etc/passwd; do
                [ -r "$f" ] || continue
                h=$(awk -F: -v u="$1" '$1 == u { print $2; exit }' "$f")
                if [ -z "$h" ] || [ "$h" = x ]; then continue; fi
                case "$h" in '$1$'*) m=md5 ;; '$5$'*) m=sha256 ;; '$6$'*) m=sha512 ;; *) exit 1 ;; esac
                salt=$(echo "$h" | cut -d'$' -f3)
                [ "$(printf '%s\\n' "$pw" | mkpasswd -m "$m" -S "$salt")" = "$h" ]
                exit $?
            done
            exit 1
            """;

    /** jailsh-setpw USER, password on stdin (busybox): a sha512 hash into /etc/shadow (or /etc/passwd). */
    static final String SETPW_BUSYBOX = """
            set -e
            IFS= read -r pw
            h=$(printf '%s\\n' "$pw" | mkpasswd -m sha512)
            f=/etc/shadow
            [ -f "$f" ] || f=/etc/passwd
            if [ "$f" = /etc/shadow ] && ! grep -q "^$1:" "$f"; then
                printf '%s:!:19000:0:99999:7:::\\n' "$1" >> "$f"
            fi
            awk -F: -v OFS=: -v u="$1" -v h="$h" '$1 == u { $2 = h } { print }' "$f" > "$f.jailsh-new"
            cat "$f.jailsh-new" > "$f"
            rm -f "$f.jailsh-new"
            """;

    /** jailsh-pwcheck USER, password on stdin (Debian and other Linux, with perl's crypt: yescrypt too). */
    static final String PWCHECK_PERL = """
            exec perl -e 'my $u = shift; my $pw = <STDIN>; chomp $pw;
                for my $f ("/etc/shadow", "/etc/passwd") {
                    open(my $h, "<", $f) or next;
                    while (<$h>) { chomp; my @p = split /:/;
                        next unless $p[0] eq $u;
                        next if $p[1] eq "x";
                        exit((length($p[1]) > 2 && crypt($pw, $p[1]) eq $p[1]) ? 0 : 1) }
                }
                exit 1' "$1"
            """;

    /** jailsh-pwcheck USER, password on stdin (FreeBSD: pw and openssl from the base system). */
    static final String PWCHECK_FREEBSD = """
            IFS= read -r pw
            h=$(pw usershow "$1" 2>/dev/null | cut -d: -f2)
            salt=$(echo "$h" | cut -d'$' -f3)
            [ -n "$salt" ] && [ "$(printf '%s' "$pw" | openssl passwd -6 -salt "$salt" -stdin)" = "$h" ]
            """;

    /** jailsh-rc-ready: exit 0 when the jail has an /etc/rc that runs /etc/rc.d/*.start. */
    static final String RC_READY = "[ -e /etc/rc ]\n";

    /** The jail's /etc/rc when it has none (Debian): the busybox release's, which runs /etc/rc.d/*.start. */
    static final String RC = """
            #!/bin/sh
            # Run by jailsh when the jail starts (iocage's exec_start, "/bin/sh /etc/rc").
            # Executable scripts named /etc/rc.d/*.start run in order; put the jail's services there.
            for script in /etc/rc.d/*.start; do
                if [ -x "$script" ]; then "$script"; fi
            done
            exit 0
            """;

    static final String RC_SHUTDOWN = """
            #!/bin/sh
            # Run by jailsh before the jail stops (iocage's exec_stop, "/bin/sh /etc/rc.shutdown").
            for script in /etc/rc.d/*.stop; do
                if [ -x "$script" ]; then "$script"; fi
            done
            exit 0
            """;

    /** /etc/rc.d/50-rc.conf.start: starts what /etc/rc.conf enables, as FreeBSD's rc does (sshd is Debian's ssh). */
    static final String RC_CONF_START = """
            #!/bin/sh
            # jailsh: starts every service enabled in /etc/rc.conf (NAME_enable="YES"), as FreeBSD's rc does.
            [ -r /etc/rc.conf ] || exit 0
            sed -n 's/^\\([A-Za-z0-9_]*\\)_enable="[Yy][Ee][Ss]"$/\\1/p' /etc/rc.conf | while read -r name; do
                s=/etc/init.d/$name
                if [ ! -x "$s" ] && [ "$name" = sshd ]; then s=/etc/init.d/ssh; fi
                if [ -x "$s" ]; then "$s" start; else echo "rc.conf: no service $name (no $s)" >&2; fi
            done
            exit 0
            """;

    static final String RC_CONF_HOOK = "/etc/rc.d/50-rc.conf.start";

    private GuestScripts() {
    }

    /** {@code /bin/sh -c SCRIPT jailsh-LABEL ARGS…}. */
    static List<String> sh(String script, String label, String... args) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script, "jailsh-" + label));
        argv.addAll(List.of(args));
        return argv;
    }

    static List<String> sh(String script, String label, List<String> args) {
        return sh(script, label, args.toArray(String[]::new));
    }
}
