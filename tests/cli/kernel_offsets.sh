#!/bin/sh
# Kernel placement as the vendor's tool chooses it: dexsim's kernel_offset column
# against izer's "Kernel offset" of every demo network dexsim runs
# (tests/demos/izer-kernel-offsets.csv), layer by layer, layers with weights only.
# A demo dexsim refuses (tests/demos/expected.txt) is skipped with its reason.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
d="$SRCDIR/tests/demos"
layers=0

while read -r device prefix outcome message; do
	if [ "$outcome" != runs ]; then
		echo "skip $device $prefix: dexsim refuses it ($message)"
		continue
	fi
	demo_layers "$device" "$prefix"
	case $? in
	1) not_ok "$device $prefix: no checkpoint"; continue ;;
	2) not_ok "$device $prefix: dexsim failed"; continue ;;
	esac
	n=$("$PYTHON" - "$d/izer-kernel-offsets.csv" "$tmp/$prefix.csv" "$device" "$prefix" <<'PY'
import csv, sys
izer = [r for r in csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith('#'))
        if (r['device'], r['prefix']) == (sys.argv[3], sys.argv[4])]
ours = {int(r['layer']): int(r['kernel_offset']) for r in csv.DictReader(open(sys.argv[2]))}
assert len(ours) == len(izer), (len(ours), len(izer))
weighted = [r for r in izer if int(r['kernel_length']) > 0]
bad = [(int(r['layer']), ours[int(r['layer'])], int(r['kernel_offset'])) for r in weighted
       if ours[int(r['layer'])] != int(r['kernel_offset'])]
if bad:
    print(sys.argv[3], sys.argv[4], 'layer, dexsim, izer:', bad, file=sys.stderr)
    sys.exit(1)
print(len(weighted))
PY
) && { ok; layers=$((layers + n)); } || not_ok "$device $prefix: kernel offsets differ from izer's"
done < "$d/expected.txt"
echo "$passed demos, $layers layers with weights: kernel offsets as izer's"
finish
