#!/bin/sh
# The bash completion (scripts/dexsim.bash-completion): every option of
# dexsim --help, and configuration and network names from DEXSIM_PATH.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

complete_words() { # complete_words WORD...: what completing the last word offers
	DEXSIM_PATH="$SRCDIR" bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
		_dexsim; printf "%s\n" "${COMPREPLY[@]}" | sort' sh \
		"$SRCDIR/scripts/dexsim.bash-completion" "$@"
}

check "configuration names" test "$(complete_words dexsim --config max | tr '\n' ' ')" = "max78000 max78002 "
check "network names" test "$(complete_words dexsim --net s | tr '\n' ' ')" = "simplenet "
check "input modes" test "$(complete_words dexsim -i coord | tr '\n' ' ')" = "coordconv coordconv-r "
# Every option dexsim documents is offered, and nothing else.
"$DEXSIM" --help | grep -o -- '--[a-z][a-z-]*' | sort -u > "$tmp/help"
complete_words dexsim --  > "$tmp/offered"
check "the options of --help, no more, no fewer" cmp -s "$tmp/help" "$tmp/offered"
finish
