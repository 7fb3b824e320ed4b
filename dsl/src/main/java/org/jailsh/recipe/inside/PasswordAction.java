package org.jailsh.recipe.inside;

import java.util.List;

import org.jailsh.recipe.Secrets;
import org.jailsh.spi.ValidationException;

/**
 * {@code passwd 'root', password} and {@code user …, password:}: sets a password, after checking the jail's hash
 * against it (perl's crypt on Debian, busybox mkpasswd, openssl on FreeBSD). The password goes to the jail on stdin
 * only; the step reads {@code passwd root ******}.
 */
final class PasswordAction implements GuestAction {

    private final String user;
    private final String password;

    PasswordAction(String user, String password) {
        this.user = AccountNames.check("user", user);
        if (password == null || password.isEmpty() || password.contains("\n")) {
            throw new ValidationException("passwd " + user + ": the password is empty or has a line break",
                    "pass a one-line password (a secret parameter)");
        }
        // chpasswd and the hash checks read it as one line of text: a CR or NUL would end or split it there
        if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ValidationException("passwd " + user + ": the password has a control character",
                    "pass printable characters only");
        }
        this.password = password;
    }

    @Override
    public String title() {
        return "passwd " + user + " " + Secrets.MASK;
    }

    @Override
    public String mark() {
        return "~";
    }

    @Override
    public String condition() {
        return "unless it is already the password";
    }

    @Override
    public Check check(GuestOs os, Guest guest, boolean changedBefore) {
        String script = switch (os) {
            case FREEBSD -> GuestScripts.PWCHECK_FREEBSD;
            case BUSYBOX -> GuestScripts.PWCHECK_BUSYBOX;
            case DEBIAN, LINUX -> GuestScripts.PWCHECK_PERL;
        };
        boolean same = guest.run(GuestScripts.sh(script, "pwcheck", user), password + "\n").ok();
        return same ? Check.ok() : Check.needed("differs or unset");
    }

    @Override
    public void apply(GuestOs os, Guest guest) {
        switch (os) {
            case FREEBSD -> guest.check(title(), List.of("pw", "usermod", user, "-h", "0"), password + "\n");
            case BUSYBOX -> guest.check(title(), GuestScripts.sh(GuestScripts.SETPW_BUSYBOX, "setpw", user),
                    password + "\n");
            case DEBIAN, LINUX -> guest.check(title(), List.of("chpasswd"), user + ":" + password + "\n");
        }
    }
}
