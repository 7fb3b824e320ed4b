package org.jailsh.recipe

/**
 * What runs inside one simulated jail: /etc files, directories, packages, services and passwords, changed by the
 * commands the in-jail verbs send (useradd, jailsh-write, apt…). Enough of Debian, busybox and FreeBSD for specs to
 * see that a second run finds nothing to do.
 */
class FakeJailOs {

    String os
    final Map<String, String> files = [:]
    final Map<String, List<String>> meta = [:]   // path -> [mode, owner:group]
    final Map<String, List<String>> dirs = [:]   // path -> [mode, owner:group]
    final Set<String> packages = [] as Set
    final Set<String> initScripts = [] as Set
    final Set<String> running = [] as Set
    final Map<String, String> passwords = [:]
    final Map<String, String> rc = [:]           // FreeBSD sysrc
    final List<String> ran = []                  // user commands (exec)
    String failWith                              // stderr of a failing chpasswd, for the secrets spec

    FakeJailOs(String os) {
        this.os = os
        files['/etc/passwd'] = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n'
        files['/etc/group'] = os == 'debian' ? 'root:x:0:\nsudo:x:27:\n' : 'root:x:0:\nwheel:x:10:root\n'
        if (os == 'debian') {
            initScripts << 'hwclock.sh'
        }
        if (os != 'debian') {
            files['/etc/rc'] = '#!/bin/sh\n'
        }
    }

    List answer(List<String> argv, String stdin) {
        if (argv.size() >= 4 && argv[0] == '/bin/sh' && argv[1] == '-c' && argv[3].startsWith('jailsh-')) {
            return script(argv[3] - 'jailsh-', argv.drop(4), stdin)
        }
        if (argv[0] == '/bin/sh' && argv[1] == '-c') {
            ran << argv[2]
            return argv[2] == 'false' ? [1, '', 'failed'] : [0, '', '']
        }
        switch (argv[0]) {
            case 'cat': return files.containsKey(argv[1]) ? [0, files[argv[1]], ''] : [1, '', 'No such file']
            case 'test': return [files.containsKey(argv[2]) || dirs.containsKey(argv[2]) ? 0 : 1, '', '']
            case 'stat': return stat(argv)
            case 'mkdir': dirs.putIfAbsent(argv[2], ['755', 'root:root']); return ok()
            case 'chown': dirs[argv[2]][1] = argv[1].contains(':') ? argv[1] : argv[1] + ':' + argv[1]; return ok()
            case 'chmod': dirs[argv[2]][0] = argv[1].replaceFirst('^0', ''); return ok()
            case 'dpkg-query': return [argv.drop(3).any { it !in packages } ? 1 : 0,
                    argv.drop(3).findAll { it in packages }.collect { "$it installed\n" }.join(''), '']
            case 'groupadd': addGroup(argv[-1], argv.contains('-g') ? argv[argv.indexOf('-g') + 1] : '1000'); return ok()
            case 'useradd': return useradd(argv)
            case 'usermod': return usermod(argv)
            case 'chpasswd':
                if (failWith) return [1, '', failWith]
                def (u, p) = stdin.strip().split(':', 2); passwords[u] = p; return ok()
            case 'pw': return pw(argv, stdin)
            case 'sysrc': return sysrc(argv)
            case 'service': return service(argv[1], argv[2])
            case 'env': packages.addAll(argv.drop(5)); return ok()
            case 'pkg': return [argv.drop(3).every { it in packages } ? 0 : 1, '', '']
        }
        [127, '', "fake jail: unknown command ${argv}"]
    }

    private List script(String label, List<String> args, String stdin) {
        switch (label) {
            case 'os': return [0, os + '\n', '']
            case 'same': return [files[args[0]] == stdin ? 0 : 1, '', '']
            case 'write':
                files[args[0]] = stdin
                meta[args[0]] = [args[1].replaceFirst('^0', ''), args[2] == '0:0' ? 'root:root' : args[2]]
                return ok()
            case 'rc-ready': return [files.containsKey('/etc/rc') ? 0 : 1, '', '']
            case 'service': return service(args[0], args[1])
            case 'apt-install': packages.addAll(args); if ('openssh-server' in args) initScripts << 'ssh'; return ok()
            case 'addgroup': addGroup(args[0], args[1]); return ok()
            case 'adduser':
                files['/etc/passwd'] += "${args[0]}:x:${args[1]}:${args[2]}:${args[5]}:${args[3]}:${args[4]}\n"
                dirs[args[3]] = ['755', "${args[0]}:${args[0]}".toString()]
                return ok()
            case 'groupmems': args.drop(1).each { addMember(it, args[0]) }; return ok()
            case 'usershell': setShell(args[0], args[1]); return ok()
            case 'pwcheck': return [passwords[args[0]] != null && passwords[args[0]] == stdin.strip() ? 0 : 1, '', '']
            case 'setpw': passwords[args[0]] = stdin.strip(); return ok()
        }
        [127, '', "fake jail: unknown script ${label}"]
    }

    private List stat(List<String> argv) {
        String path = argv[-1]
        if (argv[2].startsWith('%F') || argv[2].startsWith('%HT')) {
            def d = dirs[path]
            return d == null ? [1, '', 'No such file'] : [0, "directory ${d[0]} ${d[1]}\n", '']
        }
        def m = meta[path]
        return m == null ? [1, '', 'No such file'] : [0, "${m[0]} ${m[1]} 0:0\n", '']
    }

    private List useradd(List<String> argv) {
        String name = argv[-1]
        String uid = argv.contains('-u') ? argv[argv.indexOf('-u') + 1] : '1000'
        String group = argv.contains('-g') ? argv[argv.indexOf('-g') + 1] : name
        if (!files['/etc/group'].contains("\n${group}:") && !files['/etc/group'].startsWith("${group}:")) {
            addGroup(group, uid)
        }
        String gid = files['/etc/group'].readLines().find { it.startsWith(group + ':') }.split(':')[2]
        String shell = argv.contains('-s') ? argv[argv.indexOf('-s') + 1] : '/bin/sh'
        files['/etc/passwd'] += "${name}:x:${uid}:${gid}::/home/${name}:${shell}\n"
        if (argv.contains('-G')) {
            argv[argv.indexOf('-G') + 1].split(',').each { addMember(it, name) }
        }
        ok()
    }

    private List usermod(List<String> argv) {
        String name = argv[-1]
        if (argv.contains('-s')) {
            setShell(name, argv[argv.indexOf('-s') + 1])
        }
        if (argv.contains('-G')) {
            argv[argv.indexOf('-G') + 1].split(',').each { addMember(it, name) }
        }
        ok()
    }

    private List pw(List<String> argv, String stdin) {
        if (argv[1] == 'useradd') {
            return useradd(argv.drop(3) + [argv[2]])
        }
        if (argv[1] == 'groupadd') {
            addGroup(argv[2], argv.contains('-g') ? argv[argv.indexOf('-g') + 1] : '1000')
            return ok()
        }
        if (argv[1] == 'usermod' && argv.contains('-h')) {
            passwords[argv[2]] = stdin.strip()
            return ok()
        }
        ok()
    }

    private List sysrc(List<String> argv) {
        if (argv[1] == '-n') {
            return rc.containsKey(argv[2]) ? [0, rc[argv[2]] + '\n', ''] : [1, '', 'unknown variable']
        }
        argv.drop(1).each { def (k, v) = it.split('=', 2); rc[k] = v }
        ok()
    }

    private List service(String name, String action) {
        if (os != 'freebsd' && name !in initScripts) {
            return [3, '', "no service ${name} here"]
        }
        switch (action) {
            case 'status': return [name in running ? 0 : 3, '', '']
            case 'stop': running.remove(name); return ok()
            default: running << name; return ok()
        }
    }

    private void addGroup(String name, String gid) {
        files['/etc/group'] += "${name}:x:${gid}:\n"
    }

    private void addMember(String group, String user) {
        files['/etc/group'] = files['/etc/group'].readLines().collect { line ->
            def f = line.split(':', -1) as List
            if (f[0] != group) return line
            def members = f[3] ? f[3].split(',') as List : []
            if (!(user in members)) members << user
            f[3] = members.join(',')
            f.join(':')
        }.join('\n') + '\n'
    }

    private void setShell(String user, String shell) {
        files['/etc/passwd'] = files['/etc/passwd'].readLines().collect { line ->
            def f = line.split(':', -1) as List
            if (f[0] == user) f[6] = shell
            f.join(':')
        }.join('\n') + '\n'
    }

    private static List ok() {
        [0, '', '']
    }
}
