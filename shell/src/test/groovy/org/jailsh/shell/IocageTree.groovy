package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path

/** An iocage state root as iocage 1.2 writes it: a thin jail, a thick one, a template and a corrupt jail. */
class IocageTree {

    static Path write(Path root) {
        jail(root, 'jails/web', '''{
    "boot": 1,
    "cloned_release": "13.2-RELEASE",
    "host_hostname": "web",
    "host_hostuuid": "web",
    "ip4_addr": "vnet0|192.168.1.10/24",
    "jail_zfs_dataset": "iocage/jails/web/data",
    "release": "13.2-RELEASE-p4",
    "vnet": 1
}''')
        jail(root, 'jails/db', '''{
    "CONFIG_TYPE": "THICK",
    "CONFIG_VERSION": "29",
    "host_hostname": "db",
    "host_hostuuid": "db",
    "release": "13.2-RELEASE-p4",
    "vnet": 0,
    "ip4_addr": "none",
    "priority": "10"
}''')
        jail(root, 'templates/base', '''{
    "host_hostname": "base",
    "host_hostuuid": "base",
    "release": "13.2-RELEASE-p4",
    "template": 1,
    "type": "template"
}''')
        jail(root, 'jails/broken', '{ "release": ')
        root
    }

    private static void jail(Path root, String path, String config) {
        Path dir = root.resolve(path)
        Files.createDirectories(dir.resolve('root'))
        Files.writeString(dir.resolve('config.json'), config)
        Files.writeString(dir.resolve('fstab'), '')
    }
}
