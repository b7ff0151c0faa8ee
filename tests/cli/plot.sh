#!/bin/sh
# scripts/plot: each picture as PNG and as SVG, with its title, axis labels and
# legend (checked in the SVG's text); bad use exits 2.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
plot="sh $SRCDIR/scripts/plot"
export DEXSIM

is_png() { head -c 8 "$1" | od -c | grep -q 'P   N   G'; }
has() { grep -q -- "$2" "$1" || { echo "$1 lacks '$2'" >&2; return 1; }; }

$plot dex --config max78000 --net simplenet --out "$tmp/dex.png" > /dev/null
check "dex picture (PNG)" is_png "$tmp/dex.png"
$plot dex --config max78000 --net simplenet --out "$tmp/dex.svg" > /dev/null
check "dex picture: title" has "$tmp/dex.svg" "simplenet on the MAX78000: input methods"
check "dex picture: the load beside the latency" has "$tmp/dex.svg" "input load (host)"
check "dex picture: units" has "$tmp/dex.svg" "time (us)"
check "dex picture: the energy of inference and load" sh -c "grep -q 'energy (uJ)' $tmp/dex.svg && grep -q 'energy per inference' $tmp/dex.svg && grep -q '>input load<' $tmp/dex.svg"
check "dex picture: ProcUtil and InfoRatio" sh -c "grep -q 'ProcUtil (%)' $tmp/dex.svg && grep -q 'InfoRatio (x RGB)' $tmp/dex.svg"

$plot heatmap --config max78002 --net mobilenetv2 --out "$tmp/heat.svg" > /dev/null
check "heatmap: title and axes" sh -c "grep -q 'mobilenetv2 on the MAX78002: MAC utilization' $tmp/heat.svg &&
	grep -q '>processor<' $tmp/heat.svg && grep -q '>layer<' $tmp/heat.svg"
$plot layers --config max78000 --net widenet --out "$tmp/layers.png" > /dev/null
check "layers picture (PNG)" is_png "$tmp/layers.png"
$plot layers --config max78000 --net widenet --out "$tmp/layers.svg" > /dev/null
check "layers picture: cycles and energy" sh -c "grep -q 'cycles (CNN clock)' $tmp/layers.svg && grep -q 'energy (uJ)' $tmp/layers.svg"

sh "$SRCDIR/scripts/sweep.sh" --out "$tmp/sweep.csv" --config max78000 --net simplenet --input dex \
	--channels 3,16,64 --resolution 32,40 --timing-only > /dev/null 2>&1
$plot sweep "$tmp/sweep.csv" --out "$tmp/sweep.svg" > /dev/null
check "sweep picture: one line per resolution" sh -c "grep -q '>32x32<' $tmp/sweep.svg && grep -q '>40x40<' $tmp/sweep.svg"
check "sweep picture: latency, load, total" sh -c "grep -q 'input load (host)' $tmp/sweep.svg &&
	grep -q 'total (latency + load)' $tmp/sweep.svg && grep -q 'DEX channels' $tmp/sweep.svg"
check "sweep picture: energy" sh -c "grep -q 'energy (inference + input load)' $tmp/sweep.svg && grep -q 'energy (uJ)' $tmp/sweep.svg"

$plot nosuch --config max78000 --net simplenet > /dev/null 2>&1
check "an unknown picture exits 2" test $? -eq 2
$plot dex --config max78000 --net simplenet --out "$tmp/x.gif" > /dev/null 2>&1
check "an unknown format exits 2" test $? -eq 2
$plot sweep "$tmp/dex.svg" > /dev/null 2>&1
check "a table without channels exits 2" test $? -eq 2
$plot dex --config nosuch --net simplenet --out "$tmp/nosuch.png" > /dev/null 2> "$tmp/nosuch.err"
check "a run dexsim refuses exits 2" test $? -eq 2
check "... with dexsim's message and no picture" sh -c \
	"grep -q 'no such configuration' '$tmp/nosuch.err' && test ! -e '$tmp/nosuch.png'"
$plot --help > "$tmp/help.out"
check "--help exits 0" test $? -eq 0
check "--help: usage and the pictures" sh -c "grep -q '^usage: plot dex|heatmap|layers' '$tmp/help.out' &&
	grep -q '^  heatmap ' '$tmp/help.out'"
finish
