// The seed's "Additional Storage" workflow: the media user and group (uid and gid 8675309, as on TrueNAS), a host
// directory they own, mounted into the jail, so the jail's media user can write and the host sees the right owner.
param 'name', default: 'media', description: 'the jail that gets the storage (created when missing)'
param 'release', default: 'busybox', description: 'the release of the jail, when it is created'
param 'source', required: true, description: 'the host directory to share (created when missing)'
param 'destination', default: '/media', description: 'where it appears in the jail'
param 'user', default: 'media', description: 'the account that owns the storage'
param 'group', default: 'media', description: 'its group'
param 'uid', default: 8675309, description: 'uid of the user: the same number on the host and in every jail'
param 'gid', default: 8675309, description: 'gid of the group'
param 'readonly', default: false, description: 'mount it read-only'

def jailName = params.name
def j = jail(jailName) {
    release params.release
    mount source to destination, readOnly: readonly
}
start j
inside(j) {
    group params.group, gid: gid
    user params.user, uid: uid, group: params.group, shell: '/bin/sh', home: "/home/${params.user}"
    if (!readonly) {
        // the mount point is the host directory: this sets its owner on the host too
        dir destination, owner: "${params.user}:${params.group}", mode: '2775'
    }
}
