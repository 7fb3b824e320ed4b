/* jailsh-ns's two modes share nothing but this. */
#ifndef JAILSH_NS_H
#define JAILSH_NS_H

/* jailsh-ns -e [-u] PID LOG NAME=VALUE... -- COMMAND...: argv from PID on, argc counted from there (enter.c) */
int enter(int user, char **argv, int argc);

#endif
