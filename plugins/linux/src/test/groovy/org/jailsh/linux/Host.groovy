package org.jailsh.linux

/** Facts about the machine the specs run on, for {@code @Requires}. */
class Host {

    /** Effective uid 0, read from /proc so that no command runs. */
    static boolean isRoot() {
        def uid = new File('/proc/self/status').readLines().find { it.startsWith('Uid:') }
        uid != null && uid.split(/\s+/)[2] == '0'
    }
}
