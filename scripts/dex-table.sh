#!/bin/sh
# Prints the DEX paper's hardware table as dexsim computes it: four networks
# x four input methods, with the paper's measured latency and the error
# beside each, what loading the input costs the host before each inference, and
# the two together.  Usage: scripts/dex-table.sh [--csv] [dexsim options...]
# (for example --image examples/images/scene.png).  Run from a build tree;
# DEXSIM names another dexsim binary.  A row dexsim cannot run stops the table
# with dexsim's message and exit status.
set -eu
prog=$(basename "$0")
for arg; do
	case $arg in -h | --help)
		echo "usage: $prog [--csv] [dexsim options]"
		echo "The DEX paper's hardware table (four networks x four input methods) as dexsim"
		echo "computes it, with the paper's measured latency and the error beside each;"
		echo "--csv for CSV.  dexsim options apply to every row (e.g. --image FILE)."
		exit 0 ;;
	esac
done
here=$(cd "$(dirname "$0")/.." && pwd)
# The source tree (scripts/ beside tests/, and dexsim when built there), or
# installed as dexsim-dex-table (PREFIX/bin, the table in PREFIX/share/dexsim).
if [ -f "$here/tests/dex-table.csv" ]; then
	dexsim=${DEXSIM:-$here/dexsim} measured=$here/tests/dex-table.csv
else
	dexsim=${DEXSIM:-$here/bin/dexsim} measured=$here/share/dexsim/dex-table.csv
fi
format=table
if [ "${1:-}" = --csv ]; then
	format=csv
	shift
fi
[ -x "$dexsim" ] || { echo "$prog: no dexsim at $dexsim (build first: scripts/setup.sh)" >&2; exit 2; }

tmp=$(mktemp); row=$(mktemp); trap 'rm -f "$tmp" "$row"' EXIT
echo "model,method,input_channels,size_kb,info_ratio,proc_util_pct,latency_us,measured_us,error_pct,load_us,total_us" > "$tmp"
tail -n +2 "$measured" | while IFS=, read -r model method device chans size info util lat sd; do
	case $model in
	SimpleNet) net=simplenet ;; WideNet) net=widenet ;;
	EfficientNetV2) net=efficientnetv2 ;; MobileNetV2) net=mobilenetv2 ;;
	esac
	case $method in
	Downsampling) mode=downsample ;; CoordConv) mode=coordconv ;;
	"CoordConv (r)") mode=coordconv-r ;; DEX) mode=dex ;;
	esac
	config=$(echo "$device" | tr 'A-Z' 'a-z')
	"$dexsim" --config "$config" --net "$net" --input "$mode" --timing-only --format csv "$@" \
		> "$row" || exit
	tail -1 "$row" | awk -F, -v model="$model" -v method="$method" -v lat="$lat" '{
		printf "%s,%s,%s,%.1f,%.1f,%s,%.0f,%s,%+.3f,%.0f,%.0f\n", model, method, $4, $5, $6,
			$7, $9, lat, 100 * ($9 / lat - 1), $11, $12 }' >> "$tmp"
done
if [ $format = csv ]; then
	cat "$tmp"
else
	awk -F, 'NR == 1 { printf "%-15s %-14s %9s %9s %9s %12s %12s %9s %8s %10s %11s\n",
			"Model", "Method", "InputChan", "Size (KB)", "InfoRatio", "ProcUtil (%)",
			"Latency (us)", "Measured", "Error %", "Load (us)", "Total (us)"; next }
		{ printf "%-15s %-14s %9s %9s %9s %12s %12s %9s %8s %10s %11s\n", $1, $2, $3, $4, $5,
			$6, $7, $8, $9, $10, $11 }' "$tmp"
fi
