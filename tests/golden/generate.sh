#!/bin/sh
# Writes the golden per-layer utilization tables into DIR:
#   generate.sh DEXSIM SRCDIR DIR
# the four networks of the DEX paper under the four input modes (on their
# devices), and the vendor reference layers of tests/nets/cycles (MAX78000).
# `make regen-golden` rewrites tests/golden with it; tests/cli/golden.sh
# compares a fresh set with the committed one.
set -eu
dexsim=$1 src=$2 dir=$3
mkdir -p "$dir"
table() { # table NAME ARGS...: atomically, so an interrupted run leaves no half table
	name=$1
	shift
	"$dexsim" --timing-only --report layers --format csv "$@" > "$dir/$name.csv.tmp"
	mv "$dir/$name.csv.tmp" "$dir/$name.csv"
}
for net in simplenet:max78000 widenet:max78000 efficientnetv2:max78002 mobilenetv2:max78002; do
	for mode in downsample coordconv coordconv-r dex; do
		table "${net%%:*}-$mode" --config "${net##*:}" --net "${net%%:*}" --input "$mode"
	done
done
for f in "$src"/tests/nets/cycles/*.yaml; do
	name=$(basename "$f" .yaml)
	input=downsample
	[ "$name" = conv64x20 ] && input=dex
	table "cycles-$name" --config max78000 --net "$f" --input "$input"
done
