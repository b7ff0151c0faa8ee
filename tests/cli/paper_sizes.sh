#!/bin/sh
# The summary's size_kb reproduces the Size column of the DEX paper's hardware
# table (tests/dex-table.csv, copied from shared/reference) within 0.05 KiB, and
# input channels / ProcUtil / InfoRatio match it, for all 16 rows, with the
# arithmetic and without (a timing-only run builds no input values).
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

tail -n +2 "$SRCDIR/tests/dex-table.csv" | while IFS=, read -r model method device chans size info util lat sd; do
	net=$(echo "$model" | tr 'A-Z' 'a-z')
	config=$(echo "$device" | tr 'A-Z' 'a-z')
	case $method in
	Downsampling) input=downsample ;;
	CoordConv) input=coordconv ;;
	"CoordConv (r)") input=coordconv-r ;;
	DEX) input=dex ;;
	esac
	echo "$net $config $input $chans $size $info $util"
done > "$tmp/rows"
[ "$(wc -l < "$tmp/rows")" -eq 16 ] && ok || not_ok "expected 16 paper rows"

while read -r net config input chans size info util; do
for timing_only in "" --timing-only; do
	"$DEXSIM" --config "$config" --net "$net" --input "$input" $timing_only --format csv > "$tmp/out" ||
		{ not_ok "$net/$input $timing_only: dexsim failed"; continue; }
	"$PYTHON" - "$tmp/out" "$chans" "$size" "$info" "$util" <<'PY' && ok || not_ok "$net $input $timing_only"
import csv, sys
row = next(csv.DictReader(open(sys.argv[1])))
chans, size, info, util = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
errors = []
if int(row["input_channels"]) != chans: errors.append(f"channels {row['input_channels']} != {chans}")
if abs(float(row["size_kb"]) - size) > 0.05: errors.append(f"size_kb {row['size_kb']} vs paper {size}")
if abs(float(row["info_ratio"]) - info) > 0.05: errors.append(f"info_ratio {row['info_ratio']} vs {info}")
if abs(float(row["proc_util_pct"]) - util) > 0.05: errors.append(f"proc_util {row['proc_util_pct']} vs {util}")
for e in errors: print(row["net"], row["input"], e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
done
done < "$tmp/rows"
finish
