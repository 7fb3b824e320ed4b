// The seed's "Accessing a Jail Using SSH": sshd enabled at boot and started, a user in the admin group (wheel on
// FreeBSD, sudo on Debian), the root password set (so su works), optionally an authorized key.
param 'name', default: 'sshjail', description: 'the jail (created when missing)'
param 'release', default: null, description: 'release of a new jail; debian-12 on Linux, 13.2-RELEASE on FreeBSD'
param 'ip4', default: null, description: "'vnet0|192.168.2.3/24' (VNET), 'inherit' (the host's network); DHCP when not given"
param 'user', default: 'jailuser', description: 'the account to log in with'
param 'shell', default: '/bin/sh', description: "the user's login shell"
param 'password', required: true, secret: true, description: "the user's password, and root's unless root_password"
param 'root_password', default: null, secret: true, description: "root's password, for su"
param 'authorized_key', default: null, description: "an ssh public key for the user, e.g. 'ssh-ed25519 AAAA… me@host'"
param 'port', default: 22, description: 'the port sshd listens on'
param 'listen', default: '0.0.0.0', description: 'the address sshd listens on'

def rel = params.release ?: (platform == 'freebsd' ? '13.2-RELEASE' : 'debian-12')
def address = ip4
def j = jail(name) {
    release rel
    if (address == 'inherit') {
        set ip4: 'inherit'
    } else if (address) {
        vnet true
        ip4 address
    } else {
        vnet true
        dhcp true
    }
    boot true
}
start j
def login = params.user
inside(j) {
    if (os == 'debian') {
        pkg 'openssh-server', 'sudo'
    }
    user login, groups: [adminGroup], shell: shell, password: password
    passwd 'root', root_password ?: password
    if (authorized_key) {
        dir "/home/${login}/.ssh", owner: login, mode: '0700'
        file "/home/${login}/.ssh/authorized_keys", content: authorized_key.trim() + '\n', owner: login, mode: '0600'
    }
    if (os == 'freebsd') {
        sysrc sshd_flags: "-o Port=${port} -o ListenAddress=${listen}"
    } else {
        file '/etc/ssh/sshd_config.d/jailsh.conf', from: 'sshd_config.conf'
    }
    sysrc sshd_enable: 'YES'
    service 'sshd', 'restart'
    service 'sshd', 'start'
}
