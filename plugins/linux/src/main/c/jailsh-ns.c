/*
 * jailsh-ns: starts a linux-ns jail in one process instead of a dozen (issue 9). It does what StartScripts.LAUNCH,
 * unshare and StartScripts.NAMESPACE do together, with the same arguments, steps, checks and status line:
 *
 *   jailsh-ns [-u] [-n] LOG ROOT HOSTNAME INIT STEP...
 *     -u  a user namespace mapping the caller's uid and gid to root (rootless)
 *     -n  a network namespace of its own
 *   steps: overlay OPTIONS | file DEST CONTENT | copy DEST HOSTFILE | bind SRC DEST ro|rw | loopback
 *
 *   jailsh-ns -e [-u] PID LOG NAME=VALUE... -- COMMAND...
 *     runs COMMAND in the running jail whose init is PID, as nsenter --mount --uts --ipc --net --pid --root --wd
 *     (and --user --preserve-credentials with -u) and env -i NAME=VALUE... do, with no stdin and its output
 *     appended to LOG; exits with COMMAND's status.
 *
 * It prints one line, "ok PID" (the init's PID on the host) once the jail is assembled and its init has set its
 * traps, "error WHY" when assembling failed, or an empty line when the init died before that. The jail's processes
 * run in a session of their own, with LOG as output and no stdin; a keeper process (as unshare --fork is) waits for
 * the init and reaps it. Every value comes in argv; nothing is parsed by a shell.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jailsh-ns.h"

static int status_fd = -1;
static const char *root;

/* Reports "error WHY" on the status pipe (the line ends there) and ends the process. */
static void fail(const char *format, ...) {
    char why[4096];
    va_list args;
    va_start(args, format);
    vsnprintf(why, sizeof why, format, args);
    va_end(args);
    dprintf(status_fd, "error %s\n", why);
    fprintf(stderr, "jailsh-ns: %s\n", why);
    _exit(1);
}

static void put_file(const char *path, const char *content) {
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    size_t n = strlen(content);
    if (fd < 0 || write(fd, content, n) != (ssize_t) n || close(fd) != 0) {
        fail("cannot write %s: %s", path, strerror(errno));
    }
}

/* ROOT + a path inside the jail. */
static char *in_root(const char *path) {
    char *p;
    if (asprintf(&p, "%s%s", root, path) < 0) {
        fail("out of memory");
    }
    return p;
}

/*
 * Refuses a destination whose components, as assembled so far, hold a symlink or "..": a mount or write follows
 * symlinks with the host's root, so a link planted in the jail could otherwise aim it at a host path.
 */
static void inside(const char *dest) {
    char *rest = strdup(dest), *save = NULL, *c;
    char *p = strdup(root);
    struct stat st;
    for (c = strtok_r(rest, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
        if (strcmp(c, ".") == 0) {
            continue;
        }
        if (strcmp(c, "..") == 0) {
            fail("%s: '..' is not allowed", dest);
        }
        char *next;
        if (asprintf(&next, "%s/%s", p, c) < 0) {
            fail("out of memory");
        }
        free(p);
        p = next;
        if (lstat(p, &st) == 0 && S_ISLNK(st.st_mode)) {
            fail("%s: %s is a symlink; use a plain directory inside the jail", dest, p + strlen(root));
        }
    }
    free(p);
    free(rest);
}

/* mkdir -p */
static int make_dirs(const char *path, mode_t mode) {
    char *p = strdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = 0;
            if (mkdir(p, mode) != 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    }
    int rc = mkdir(p, mode) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

static char *parent_of(const char *path) {
    char *p = strdup(path);
    char *slash = strrchr(p, '/');
    if (slash) {
        slash[slash == p ? 1 : 0] = 0;
    }
    return p;
}

static void write_step(const char *dest, const char *content, const char *host_file) {
    char *parent = parent_of(dest);
    inside(parent);
    char *target = in_root(dest);
    char *dir = parent_of(target);
    struct stat st;
    if (make_dirs(dir, 0755) != 0) {
        fail("cannot create %s", parent);
    }
    if (lstat(target, &st) == 0 && S_ISLNK(st.st_mode)) {
        unlink(target);
    }
    int out = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (out < 0) {
        fail("cannot write %s", dest);
    }
    if (host_file) {
        int in = open(host_file, O_RDONLY | O_CLOEXEC);
        char buf[65536];
        ssize_t n;
        if (in < 0) {
            fail("cannot write %s", dest);
        }
        while ((n = read(in, buf, sizeof buf)) > 0) {
            if (write(out, buf, n) != n) {
                fail("cannot write %s", dest);
            }
        }
        close(in);
    } else {
        size_t n = strlen(content);
        if (write(out, content, n) != (ssize_t) n) {
            fail("cannot write %s", dest);
        }
    }
    close(out);
    free(parent);
    free(target);
    free(dir);
}

/* The flags a read-only remount must keep: in a user namespace the kernel refuses to drop locked ones. */
static unsigned long kept_flags(const char *path) {
    struct statvfs s;
    unsigned long flags = 0;
    if (statvfs(path, &s) == 0) {
        if (s.f_flag & ST_NOSUID) flags |= MS_NOSUID;
        if (s.f_flag & ST_NODEV) flags |= MS_NODEV;
        if (s.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
        if (s.f_flag & ST_NOATIME) flags |= MS_NOATIME;
        if (s.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
        if (s.f_flag & ST_RELATIME) flags |= MS_RELATIME;
    }
    return flags;
}

static void bind_step(const char *source, const char *dest, const char *mode) {
    inside(dest);
    char *target = in_root(dest);
    struct stat st;
    int made = 0;
    if (stat(source, &st) == 0 && S_ISDIR(st.st_mode)) {
        made = make_dirs(target, 0755);
    } else if (lstat(target, &st) != 0) {
        char *dir = parent_of(target);
        int fd;
        made = make_dirs(dir, 0755) == 0 && (fd = open(target, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) >= 0
                ? close(fd) : -1;
        free(dir);
    }
    if (made != 0) {
        fail("cannot create the mount point %s", dest);
    }
    if (mount(source, target, NULL, MS_BIND, NULL) != 0) {
        fail("cannot mount %s on %s: %s", source, dest, strerror(errno));
    }
    if (strcmp(mode, "ro") == 0
            && mount(NULL, target, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | kept_flags(target), NULL) != 0) {
        fail("cannot make %s read-only: %s", dest, strerror(errno));
    }
    free(target);
}

static void loopback_up(void) {
    struct ifreq ifr;
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) != 0) {
        fail("cannot bring up the loopback: %s", strerror(errno));
    }
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0) {
        fail("cannot bring up the loopback: %s", strerror(errno));
    }
    close(s);
}

static void mount_or_fail(const char *what, const char *source, const char *dest, const char *type,
                          unsigned long flags, const char *options) {
    if (mount(source, dest, type, flags, options) != 0) {
        fail("cannot mount %s: %s", what, strerror(errno));
    }
}

/* /proc and a minimal /dev: the host's character devices bound in, a devpts of its own, a tmpfs /dev/shm. */
static void proc_and_dev(void) {
    static const char *devices[] = {"null", "zero", "full", "random", "urandom", "tty"};
    static const char *links[][2] = {{"pts/ptmx", "ptmx"}, {"/proc/self/fd", "fd"}, {"/proc/self/fd/0", "stdin"},
                                     {"/proc/self/fd/1", "stdout"}, {"/proc/self/fd/2", "stderr"}};
    inside("/proc");
    inside("/dev");
    char *proc = in_root("/proc"), *dev = in_root("/dev");
    if (make_dirs(proc, 0755) != 0 || make_dirs(dev, 0755) != 0) {
        fail("cannot create /proc and /dev in the jail");
    }
    mount_or_fail("/proc", "proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    mount_or_fail("/dev", "dev", dev, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=1m");
    char path[4096], host[64];
    for (size_t i = 0; i < sizeof devices / sizeof *devices; i++) {
        snprintf(path, sizeof path, "%s/%s", dev, devices[i]);
        snprintf(host, sizeof host, "/dev/%s", devices[i]);
        int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0 || close(fd) != 0 || mount(host, path, NULL, MS_BIND, NULL) != 0) {
            fail("cannot provide /dev/%s", devices[i]);
        }
    }
    char pts[4096], shm[4096];
    snprintf(pts, sizeof pts, "%s/pts", dev);
    snprintf(shm, sizeof shm, "%s/shm", dev);
    if (mkdir(pts, 0755) != 0 || mkdir(shm, 0755) != 0
            || mount("devpts", pts, "devpts", 0, "newinstance,ptmxmode=0666,mode=0620") != 0
            || mount("shm", shm, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") != 0) {
        fail("cannot mount /dev/pts and /dev/shm");
    }
    for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
        snprintf(path, sizeof path, "%s/%s", dev, links[i][1]);
        if (symlink(links[i][0], path) != 0) {
            fail("cannot create the links in /dev");
        }
    }
    free(proc);
    free(dev);
}

/* PID 1 of the jail, still with the host's root: assembles the jail, then becomes its init. */
static void assemble(char **steps, int count, const char *hostname, const char *init) {
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        fail("cannot make the mounts private: %s", strerror(errno));
    }
    char self[32] = "";
    ssize_t n = readlink("/proc/self", self, sizeof self - 1);
    if (n <= 0) {
        fail("cannot read the init's PID from /proc/self");
    }
    self[n] = 0;
    for (int i = 0; i < count;) {
        const char *step = steps[i];
        if (strcmp(step, "overlay") == 0 && i + 1 < count) {
            if (mount("overlay", root, "overlay", 0, steps[i + 1]) != 0) {
                fail("cannot mount the jail root: %s", strerror(errno));
            }
            i += 2;
        } else if ((strcmp(step, "file") == 0 || strcmp(step, "copy") == 0) && i + 2 < count) {
            int copy = step[0] == 'c';
            if (!copy || access(steps[i + 2], F_OK) == 0) {
                write_step(steps[i + 1], copy ? NULL : steps[i + 2], copy ? steps[i + 2] : NULL);
            }
            i += 3;
        } else if (strcmp(step, "bind") == 0 && i + 3 < count) {
            bind_step(steps[i + 1], steps[i + 2], steps[i + 3]);
            i += 4;
        } else if (strcmp(step, "loopback") == 0) {
            loopback_up();
            i += 1;
        } else {
            fail("unknown step %s", step);
        }
    }
    proc_and_dev();
    if (sethostname(hostname, strlen(hostname)) != 0) {
        fail("cannot set the host name %s", hostname);
    }
    if (chroot(root) != 0 || chdir("/") != 0) {
        fail("cannot enter the jail's root: %s", strerror(errno));
    }
    if (access("/bin/sh", X_OK) != 0) {
        fail("the jail has no working /bin/sh to run as its init");
    }
    // the init ends this line once its traps are set (StartScripts.INIT)
    dprintf(status_fd, "ok %s", self);
    if (status_fd == 3 ? fcntl(3, F_SETFD, 0) != 0 : dup2(status_fd, 3) != 3 || close(status_fd) != 0) {
        _exit(1);
    }
    execl("/bin/sh", "/bin/sh", "-c", init, "jailsh-init", (char *) NULL);
    fprintf(stderr, "jailsh-ns: cannot run /bin/sh in the jail: %s\n", strerror(errno));
    _exit(127);
}

static void write_map(const char *file, const char *content) {
    put_file(file, content);
}

int main(int argc, char **argv) {
    int user = 0, net = 0, a = 1;
    if (argc > 1 && strcmp(argv[1], "-e") == 0) {
        int u = argc > 2 && strcmp(argv[2], "-u") == 0;
        return enter(u, argv + 2 + u, argc - 2 - u);
    }
    for (; a < argc && argv[a][0] == '-'; a++) {
        if (strcmp(argv[a], "-u") == 0) {
            user = 1;
        } else if (strcmp(argv[a], "-n") == 0) {
            net = 1;
        } else {
            break;
        }
    }
    if (argc - a < 4) {
        fprintf(stderr, "usage: jailsh-ns [-u] [-n] LOG ROOT HOSTNAME INIT STEP...\n");
        return 2;
    }
    const char *log = argv[a], *hostname = argv[a + 2], *init = argv[a + 3];
    root = argv[a + 1];
    int status[2];
    if (pipe2(status, O_CLOEXEC) != 0) {
        perror("jailsh-ns: pipe");
        return 1;
    }
    uid_t uid = getuid();
    gid_t gid = getgid();
    pid_t keeper = fork();
    if (keeper < 0) {
        perror("jailsh-ns: fork");
        return 1;
    }
    if (keeper > 0) {
        // the launcher: relays the one status line and leaves the jail to its keeper
        char line[4096];
        size_t len = 0;
        ssize_t n;
        close(status[1]);
        while (len < sizeof line - 1 && (n = read(status[0], line + len, sizeof line - 1 - len)) != 0) {
            if (n < 0) {
                if (errno == EINTR) continue;
                break;
            }
            len += n;
            if (memchr(line, '\n', len)) break;
        }
        line[len] = 0;
        char *end = strchr(line, '\n');
        if (!end) {
            line[0] = 0;  // no line's end: the init died before it was ready
        } else {
            *end = 0;
        }
        printf("%s\n", line);
        return 0;
    }
    // the keeper: a session of its own, output to the log, then the namespaces and the init as its child
    close(status[0]);
    status_fd = status[1];
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int out = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (null < 0 || out < 0 || dup2(null, 0) != 0 || dup2(out, 1) != 1 || dup2(out, 2) != 2) {
        fail("cannot open the console log %s: %s", log, strerror(errno));
    }
    close(null);
    close(out);
    setsid();
    int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | (net ? CLONE_NEWNET : 0)
            | (user ? CLONE_NEWUSER : 0);
    if (unshare(flags) != 0) {
        fail("cannot create the jail's namespaces: %s", strerror(errno));
    }
    if (user) {
        char map[64];
        write_map("/proc/self/setgroups", "deny");
        snprintf(map, sizeof map, "0 %u 1", (unsigned) uid);
        write_map("/proc/self/uid_map", map);
        snprintf(map, sizeof map, "0 %u 1", (unsigned) gid);
        write_map("/proc/self/gid_map", map);
    }
    pid_t init_pid = fork();
    if (init_pid < 0) {
        fail("cannot start the jail's init: %s", strerror(errno));
    }
    if (init_pid == 0) {
        assemble(argv + a + 4, argc - a - 4, hostname, init);
    }
    close(status_fd);
    // as unshare --fork does: the keeper ignores the signals a terminal would send, and ends with its init
    signal(SIGINT, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    int st;
    while (waitpid(init_pid, &st, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
