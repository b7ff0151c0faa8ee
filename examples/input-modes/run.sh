#!/bin/sh
# One picture through the four input modes of the DEX paper, drawn as what
# each mode puts in the accelerator's data memory.
#
#   examples/input-modes/run.sh [IMAGE] [OUTDIR]
#
# IMAGE defaults to examples/images/scene.png, OUTDIR to ./input-modes.
# For each mode it runs SimpleNet on the MAX78000 with --dump, then draws
# OUTDIR/MODE.png from the dumped input tensor: the RGB channels as a colour
# picture, coordinate channels as grey tiles, and DEX's 64 channels as the
# 21 colour pictures its R G B triples form (each a slightly shifted sample
# of every patch) plus its last, red-only channel.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
image=${1:-$top/examples/images/scene.png}
out=${2:-input-modes}
dexsim=${DEXSIM:-$top/dexsim}
python=${PYTHON:-/usr/bin/python3}
mkdir -p "$out"

for mode in downsample coordconv coordconv-r dex; do
	"$dexsim" --config max78000 --net simplenet --input "$mode" --image "$image" \
		--dump "$out/$mode" --format csv | tail -1 |
		awk -F, '{ printf "%-12s %2s channels, InfoRatio %5s, latency %s us, input load %s us\n",
			$3, $4, $6, $9, $11 }'
	"$python" "$here/draw.py" "$out/$mode/input.npy" "$mode" "$out/$mode.png"
done
echo "pictures: $out/downsample.png $out/coordconv.png $out/coordconv-r.png $out/dex.png"
