#!/bin/sh
# A 10,000-point timing-only design-space sweep through dexsim --batch:
# 4 networks x 64 inputs (downsample, coordconv, DEX with 3..64 channels) x
# 39 CNN clocks (25..101 MHz) on the MAX78002, one batch per core.
# Prints points per second; target: under 10 s on 2 cores.
dexsim=${1:-./dexsim}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cores=$(nproc)
{ echo downsample; echo coordconv; seq -f "dex --channels %g" 3 64; } > "$tmp/inputs"
for net in simplenet widenet mobilenetv2 efficientnetv2; do
	while read -r input; do
		for mhz in $(seq 25 2 101); do
			echo "--config max78002 --net $net --input $input --set clock_mhz=$mhz --timing-only"
		done
	done < "$tmp/inputs"
done > "$tmp/points"
split -n "l/$cores" "$tmp/points" "$tmp/chunk."
t0=$(date +%s%N)
for chunk in "$tmp"/chunk.*; do
	"$dexsim" --batch "$chunk" --format csv --output "$chunk.csv" &
done
wait
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
points=$(wc -l < "$tmp/points")
rows=$(($(cat "$tmp"/chunk.*.csv | wc -l) - cores))  # less a header per chunk
ok=$(cat "$tmp"/chunk.*.csv | grep -c ',ok$')
echo "batch of $points timing-only points ($ok ok) on $cores cores: $ms ms," \
	"$((points * 1000 / (ms > 0 ? ms : 1))) points/s" \
	"(target 10000 ms: $([ "$ms" -lt 10000 ] && echo met || echo MISSED))"
[ "$rows" -eq "$points" ] && [ "$ms" -lt 10000 ]
