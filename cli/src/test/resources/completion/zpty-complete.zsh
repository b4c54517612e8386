# zsh -f zpty-complete.zsh SCRIPT DIR LINE...
#
# Completes each LINE as a user would: in an interactive zsh on a pseudo-terminal (zpty) that has
# loaded SCRIPT with compinit, in DIR, it types LINE, TAB, Enter. There 'cookbook' is a function
# that prints its arguments, so each completed line prints as <<arg|arg|...>>. Bounded: 10 s.
zmodload zsh/zpty || exit 3
script=$1 dir=$2
shift 2
zpty z 'TERM=dumb zsh -f -i'
zpty -w z "PS1='> '; unsetopt beep; autoload -Uz compinit; compinit -D -u; source ${(q)script}; cd ${(q)dir}; cookbook() { print -r -- \"<<\${(j:|:)@}>>\" }"
for line in "$@"; do
    zpty -w -n z "$line"$'\t\n'
done
zpty -w z 'print -r -- "<<done>>"'
out= n=0
while (( n < 200 )); do
    if zpty -r -t z chunk; then
        out+=$chunk
        [[ $out == *'<<done>>'* ]] && break
    else
        sleep 0.05
        (( n++ ))
    fi
done
zpty -d z
print -r -- "${out//$'\r'/}" | grep -a -o '<<.*>>' | grep -v '[$]'
