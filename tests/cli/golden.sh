#!/bin/sh
# The per-layer utilization tables against the committed golden ones
# (tests/golden), with scripts/compare-tables: any change to timing or
# mapping shows up as a readable difference.  After an intended change:
# make regen-golden, and commit the new tables with it.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

sh "$SRCDIR/tests/golden/generate.sh" "$DEXSIM" "$SRCDIR" "$tmp"
for golden in "$SRCDIR"/tests/golden/*.csv; do
	name=$(basename "$golden")
	if "$PYTHON" "$SRCDIR/scripts/compare-tables" "$golden" "$tmp/$name" > "$tmp/report"; then
		ok
	else
		not_ok "$name differs from tests/golden (make regen-golden if intended):"
		cat "$tmp/report" >&2
	fi
done
check "every table has a golden one" test "$(ls "$tmp"/*.csv | wc -l)" -eq "$(ls "$SRCDIR"/tests/golden/*.csv | wc -l)"
finish
