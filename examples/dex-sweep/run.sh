#!/bin/sh
# How DEX's channel count and the input resolution change SimpleNet on the
# MAX78000: a sweep of 3..64 DEX channels at resolutions 32..90, written to
# OUTDIR/sweep.csv, and OUTDIR/sweep.png plotting latency, the input's load
# and their total against the channel count, one line per resolution that fits
# (scripts/plot sweep): more channels cost no latency, but loading them does.
#
#   examples/dex-sweep/run.sh [OUTDIR]       (default ./dex-sweep)
#
# Points that do not fit the data memory stay in the CSV with the reason in
# `status`: SimpleNet's layer offsets, from the vendor's 32x32 design, leave
# room for inputs up to 45x45 (64x64 only with 3 or 4 channels, in one
# instance). Needs gnuplot (Debian: gnuplot-nox).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-dex-sweep}
mkdir -p "$out"
channels=$(seq -s, 3 64)
sh "$here/../../scripts/sweep.sh" --out "$out/sweep.csv" --config max78000 --net simplenet \
	--input dex --channels "$channels" --resolution 32,40,45,64,90 --timing-only
fit=$(grep -c ',ok$' "$out/sweep.csv" || true)
echo "$out/sweep.csv: $(($(wc -l < "$out/sweep.csv") - 1)) points, $fit fit the MAX78000"
sh "$here/../../scripts/plot" sweep "$out/sweep.csv" --out "$out/sweep.png"
