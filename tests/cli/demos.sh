#!/bin/sh
# The vendor's demo networks (ai8x-synthesis gen-demos-max7800{0,2}.sh): each runs,
# timing only, on its chip with its options, or is refused naming what dexsim lacks,
# as tests/demos/expected.txt says; a network that runs has all its YAML's layers.
# Checkpoints of the demos' shapes are written here (tests/demos/shapes, SOURCE.md).
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
d="$SRCDIR/tests/demos"

while read -r device prefix outcome message; do
	json="$d/shapes/$device-$prefix.json"
	if [ ! -f "$json" ]; then not_ok "$device $prefix: no $json"; continue; fi
	got=$("$d/run_demo.sh" "$DEXSIM" "$PYTHON" "$json" "$tmp") || {
		not_ok "$device $prefix: shape_checkpoint.py failed"; continue; }
	case "$outcome $got" in
	"runs runs "*)
		set -- $got
		if [ "$2" = "$3" ]; then ok; else
			not_ok "$device $prefix: $2 layers, the YAML has $3"; fi ;;
	"refused refused "*)
		case "$got" in
		*"$message"*) ok ;;
		*) not_ok "$device $prefix: refused with '$got', expected '$message'" ;;
		esac ;;
	*) not_ok "$device $prefix: expected $outcome${message:+ ($message)}, got: $got" ;;
	esac
done < "$d/expected.txt"

# Every shapes file has its line.
for json in "$d"/shapes/*.json; do
	name=$(basename "$json" .json)
	check "$name is in expected.txt" grep -q "^${name%%-*} ${name#*-} " "$d/expected.txt"
done

finish
