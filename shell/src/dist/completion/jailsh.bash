# bash completion for jailsh. Load it with `source .../completion/jailsh.bash` (e.g. from ~/.bashrc), or copy it
# to /etc/bash_completion.d/jailsh. The candidates come from `jailsh __complete LINE`: the completer of jailsh's
# own shell, so verbs, options, jail names, properties and their values, releases and recipes complete the same.
_jailsh() {
    local line=${COMP_LINE:0:COMP_POINT}
    # readline replaces the text after the last word-break character (bash splits vnet=on at '=')
    local typed=${line##*[$COMP_WORDBREAKS]}
    local -a out
    mapfile -t out < <("${COMP_WORDS[0]}" __complete "$line" 2>/dev/null)
    [ "${#out[@]}" -gt 0 ] || return 0
    # the first line is the word jailsh completed; the part of it before $typed stays as it is
    local word=${out[0]} prefix candidate
    prefix=${word%"$typed"}
    COMPREPLY=()
    for candidate in "${out[@]:1}"; do
        if [ "$candidate" = ":files" ]; then
            compopt -o filenames 2>/dev/null
            mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$typed")
        elif [[ $candidate == "$prefix"* ]]; then
            COMPREPLY+=("${candidate#"$prefix"}")
        fi
    done
    # property= and key= want their value right after them, not a space
    if [ "${#COMPREPLY[@]}" -eq 1 ] && [[ ${COMPREPLY[0]} == *= ]]; then
        compopt -o nospace 2>/dev/null
    fi
}
complete -F _jailsh jailsh
