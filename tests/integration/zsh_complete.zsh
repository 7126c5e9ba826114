#!/usr/bin/zsh -f
# SPDX-License-Identifier: MIT
# zsh_complete.zsh DIR LINE...: for each LINE, the matches zsh's completion
# system offers with the cursor at its end, one a line, then a line "::end".
# The completion functions of DIR come first in fpath. A real interactive
# zsh in a pty (zpty) runs compinit and gets a real Tab; compadd is wrapped
# to print what it adds. Any line of the terminal that shows an error of
# limberctl is printed as "NOISE:<line>", so a test can see that the
# completion kept quiet.
zmodload zsh/zpty
dir=$1
shift
zpty z zsh -f -i
# compinit reads every function in fpath unless it has a dump: one in the
# test's scratch directory makes the later runs ten times quicker.
dump=-D
[[ -n ${LIMBER_TEST_DIR:-} ]] && dump="-d ${(q)LIMBER_TEST_DIR}/zcompdump"
zpty -w z "PROMPT= RPROMPT= PS2= ; fpath=(${(q)dir} \$fpath); autoload -U compinit; compinit -u $dump"
zpty -w z 'compadd() {
  local -a hits
  if (( ${@[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi
  builtin compadd -A hits "$@"
  (( $#hits )) && print -rl -- "MATCH:"${^hits}
  builtin compadd "$@"
}'
# The marker is printed once the completion is done; it is spelt so that
# the echo of these lines does not contain it.
zpty -w z 'tab() { zle complete-word; print -r -- "END${:-:}COMPLETION" }; zle -N tab; bindkey "^I" tab'
zpty -w z 'bindkey "^U" kill-whole-line; print -r -- READY${:-:}SHELL'
all=
while zpty -r z out; do all+=$out; [[ $all == *READY:SHELL* ]] && break; done
for line in "$@"; do
  zpty -w -n z "$line"$'\t'
  # zpty -r returns whatever has arrived, not lines: gather it all first.
  all=
  while zpty -r z out; do
    all+=$out
    [[ $all == *END:COMPLETION* ]] && break
  done
  for out in ${(f)all//$'\r'/}; do
    [[ $out == *MATCH:* ]] && print -r -- ${out##*MATCH:}
    [[ $out == *limberctl:* ]] && print -r -- "NOISE:$out"
  done
  print -r -- "::end"
  zpty -w -n z $'\C-u'
done
zpty -d z
