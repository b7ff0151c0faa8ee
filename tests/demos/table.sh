#!/bin/sh
# table.sh [DEXSIM]: every vendor demo (tests/demos/shapes) run timing only on a
# checkpoint of its shapes: device, prefix, runs or refused (message), layers,
# cycles, latency_us.  PYTHON (default python3) needs NumPy.
here=$(cd "$(dirname "$0")" && pwd)
dexsim=${1:-$here/../../dexsim}
python=${PYTHON:-python3}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%-9s %-29s %-8s %6s %9s %10s  %s\n' device prefix outcome layers cycles latency_us message
for json in "$here"/shapes/*.json; do
	name=$(basename "$json" .json)
	got=$("$here/run_demo.sh" "$dexsim" "$python" "$json" "$tmp")
	set -- $got
	if [ "$1" = runs ]; then
		printf '%-9s %-29s %-8s %6s %9s %10s\n' "${name%%-*}" "${name#*-}" runs "$2" "$4" "$5"
	else
		printf '%-9s %-29s %-8s %6s %9s %10s  %s\n' "${name%%-*}" "${name#*-}" refused - - - \
			"$(echo "$got" | sed 's/^refused [^ ]*: //')"
	fi
done
