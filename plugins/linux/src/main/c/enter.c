/*
 * jailsh-ns -e [-u] PID LOG NAME=VALUE... -- COMMAND...: runs COMMAND in the running jail whose init is PID, as
 * nsenter --mount --uts --ipc --net --pid --root --wd (and --user --preserve-credentials with -u) and env -i
 * NAME=VALUE... would, with no stdin and its output appended to LOG; exits with COMMAND's status.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jailsh-ns.h"

static int open_ns(const char *pid, const char *name) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%s/%s", pid, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "jailsh-ns: cannot open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    return fd;
}

int enter(int user, char **argv, int argc) {
    if (argc < 3) {
        fprintf(stderr, "usage: jailsh-ns -e [-u] PID LOG NAME=VALUE... -- COMMAND...\n");
        return 2;
    }
    const char *pid = argv[0], *log = argv[1];
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int out = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (null < 0 || out < 0 || dup2(null, 0) != 0 || dup2(out, 1) != 1 || dup2(out, 2) != 2) {
        fprintf(stderr, "jailsh-ns: cannot open the console log %s: %s\n", log, strerror(errno));
        return 1;
    }
    static const char *kinds[] = {"ns/ipc", "ns/uts", "ns/net", "ns/pid", "ns/mnt"};
    int fds[5];
    int userns = user ? open_ns(pid, "ns/user") : -1;
    for (int i = 0; i < 5; i++) {
        fds[i] = open_ns(pid, kinds[i]);
    }
    int rootfd = open_ns(pid, "root"), cwdfd = open_ns(pid, "cwd");
    if (userns >= 0 && setns(userns, CLONE_NEWUSER) != 0) {
        fprintf(stderr, "jailsh-ns: cannot enter the jail's user namespace: %s\n", strerror(errno));
        return 1;
    }
    for (int i = 0; i < 5; i++) {
        if (setns(fds[i], 0) != 0) {
            fprintf(stderr, "jailsh-ns: cannot enter the jail's %s: %s\n", kinds[i], strerror(errno));
            return 1;
        }
    }
    if (fchdir(rootfd) != 0 || chroot(".") != 0 || fchdir(cwdfd) != 0) {
        fprintf(stderr, "jailsh-ns: cannot enter the jail's root: %s\n", strerror(errno));
        return 1;
    }
    int a = 2;
    clearenv();
    for (; a < argc && strcmp(argv[a], "--") != 0; a++) {
        putenv(argv[a]);
    }
    if (a + 1 >= argc) {
        fprintf(stderr, "jailsh-ns: no command\n");
        return 2;
    }
    pid_t child = fork();  // a PID namespace applies to children only
    if (child < 0) {
        fprintf(stderr, "jailsh-ns: fork: %s\n", strerror(errno));
        return 1;
    }
    if (child == 0) {
        execvp(argv[a + 1], argv + a + 1);
        fprintf(stderr, "jailsh-ns: cannot run %s: %s\n", argv[a + 1], strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }
    int st;
    while (waitpid(child, &st, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
