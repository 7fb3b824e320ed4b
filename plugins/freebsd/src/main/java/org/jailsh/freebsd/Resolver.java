package org.jailsh.freebsd;

import org.jailsh.spi.Command;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.ProviderContext;

/**
 * The jail's {@code /etc/resolv.conf} per {@code resolver} (iocage.md §4.3 step 17, §9): {@code /etc/resolv.conf} or
 * {@code none} copy the host's file, {@code /dev/null} leaves the jail's alone, anything else is the content itself
 * with {@code ;} as line breaks.
 */
final class Resolver {

    private Resolver() {
    }

    static void write(JailRef jail, ProviderContext ctx) {
        String resolver = jail.property("resolver");
        if (resolver.equals("/dev/null")) {
            return;
        }
        String content;
        if (resolver.equals("/etc/resolv.conf") || resolver.equals("none")) {
            content = ctx.exec().check(Command.of("cat", "/etc/resolv.conf")).stdout();
        } else {
            content = String.join("\n", resolver.split(";")).strip() + "\n";
        }
        ctx.exec().writeFile(jail.root().resolve("etc/resolv.conf"), content);
    }
}
