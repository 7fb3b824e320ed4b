#!/bin/sh
# Compiles jailsh-ns (jailsh-ns.c, enter.c) into DIR/jailsh-ns-ARCH, a class-path resource of jailsh-linux, statically
# when the C library allows it, and records its SHA-256 and size in DIR/jailsh-ns-ARCH.sha256 (NsHelper finds the
# copy it installed by them without hashing the binary at every start). Without a C compiler it builds nothing and says so: jails then start through
# StartScripts' shell scripts, which do the same more slowly. Usage: build.sh DIR
set -u
dir=$1
here=$(dirname "$0")
[ "$(uname -s)" = Linux ] || exit 0
out="$dir/jailsh-ns-$(uname -m)"
if [ -e "$out" ] && [ -e "$out.sha256" ] && [ -z "$(find "$here" -newer "$out" -name '*.[ch]')" ]; then
    exit 0
fi
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || cc=gcc
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "jailsh-ns: no C compiler (cc, gcc): jails will start through the slower shell scripts"
    exit 0
fi
mkdir -p "$dir"
flags="-O2 -s -Wall -Wextra -Werror"
if ! "$cc" $flags -static -o "$out" "$here/jailsh-ns.c" "$here/enter.c" 2>/dev/null; then
    echo "jailsh-ns: no static C library (glibc-static, libc6-dev); linking dynamically"
    "$cc" $flags -o "$out" "$here/jailsh-ns.c" "$here/enter.c" || { rm -f "$out"; exit 1; }
fi
echo "$(sha256sum "$out" | cut -d' ' -f1) $(wc -c <"$out")" >"$out.sha256"
