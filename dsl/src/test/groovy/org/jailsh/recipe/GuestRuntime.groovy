package org.jailsh.recipe

import org.jailsh.spi.Command
import org.jailsh.spi.ExecResult
import org.jailsh.spi.JailRef
import org.jailsh.spi.ProviderContext
import org.jailsh.testing.FakeRuntime

/** A runtime whose exec goes through the session's HostExec as {@code fake-jexec JAIL ARGV…}, like jexec/nsenter. */
class GuestRuntime extends FakeRuntime {

    @Override
    ExecResult exec(JailRef jail, List<String> argv, String user, boolean interactive, ProviderContext ctx) {
        calls << "exec ${jail.name()} ${argv.join(' ')}".toString()
        ctx.exec().run(Command.of(['fake-jexec', jail.name()] + argv))
    }
}
