package org.jailsh.shell;

/** {@code /help}: the two spellings of the vocabulary, and where to read more. */
final class Help {

    private Help() {
    }

    static void print(Output out) {
        out.line("""
                jailsh speaks Groovy and iocage. Both spellings of a verb do the same thing:
                  jail('web') { release 'busybox'; vnet true; mount '/srv/www' to '/www', readOnly: true }
                  create -r busybox -n db          set vnet=on db          fstab -a db /srv/db /var/db rw
                  start web                        web.exec 'hostname'     stop web
                  list -l                          get all web             destroy web
                  plan { jail('x') { release 'busybox' } }   # shows the steps, changes nothing
                verbs: list get set create start stop restart exec console fetch releases update upgrade
                       snapshot snaplist rollback fstab destroy activate providers run recipes recipe doctor
                recipes: run ssh-jail --param name=web --param password=…   or   recipe 'ssh-jail', name: 'web', …
                help VERB shows a verb's options. /providers /history /exit; Ctrl-D leaves.""");
    }
}
