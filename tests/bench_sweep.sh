#!/bin/sh
# A 200-point timing-only sweep (scripts/sweep.sh) on this machine's cores:
# 50 DEX channel counts x 2 networks x 2 clocks.  Target: under 10 s.
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
t0=$(date +%s%N)
DEXSIM=${1:-./dexsim} sh "$src/scripts/sweep.sh" --out "$tmp/s.csv" --config max78000 \
	--net simplenet,widenet --input dex --channels "$(seq -s, 15 64)" --set clock_mhz=50,100 \
	--timing-only || exit 2
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
rows=$(($(wc -l < "$tmp/s.csv") - 1))
echo "sweep of $rows timing-only points on $(nproc) cores: $ms ms (target 10000 ms: $([ "$ms" -lt 10000 ] && echo met || echo MISSED))"
[ "$rows" -eq 200 ] && [ "$ms" -lt 10000 ]
