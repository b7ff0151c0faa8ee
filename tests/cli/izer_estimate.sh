#!/bin/sh
# Layer by layer, dexsim's MAX78000 cycles are the vendor's own estimate
# (tests/demos/izer-estimate.csv, from ai8xize.py's log of each demo network):
# 180 layers of 14 networks, every layer but the 6 streaming ones (compare=no).
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
d="$SRCDIR/tests/demos"

for prefix in $(grep -v '^#' "$d/izer-estimate.csv" | tail -n +2 | cut -d, -f1 | sort -u); do
	demo_layers max78000 "$prefix"
	case $? in
	1) not_ok "$prefix: no checkpoint"; continue ;;
	2) not_ok "$prefix: dexsim failed"; continue ;;
	esac
	"$PYTHON" - "$d/izer-estimate.csv" "$tmp/$prefix.csv" "$prefix" <<'PY' && ok || not_ok "$prefix: layers differ from izer's estimate"
import csv, sys
est = [r for r in csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith('#'))
       if r['prefix'] == sys.argv[3]]
ours = {r['layer']: int(r['cycles']) for r in csv.DictReader(open(sys.argv[2]))}
bad = [(r['layer'], ours[r['layer']], int(r['izer_cycles'])) for r in est
       if r['compare'] == 'yes' and ours[r['layer']] != int(r['izer_cycles'])]
assert len(ours) == len(est), (len(ours), len(est))
if bad:
    print(sys.argv[3], 'layer, dexsim, izer:', bad)
sys.exit(1 if bad else 0)
PY
done
finish
