#!/bin/sh
# run_demo.sh DEXSIM PYTHON SHAPES.json TMPDIR: runs one demo, timing only, on its chip
# with its options, on a checkpoint and input of the demo's shapes (shape_checkpoint.py).
# Prints "runs LAYERS YAML_LAYERS CYCLES LATENCY_US" or "refused MESSAGE"; exit 0 either way,
# 1 if the checkpoint could not be written.
dexsim=$1; python=$2; json=$3; tmp=$4
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$json" .json)
device=${name%%-*}
"$python" "$here/../tools/shape_checkpoint.py" "$json" "$tmp/$name.pth.tar" "$tmp/$name.npy" || exit 1
# The YAML, the dexsim options of the vendor's command (--fifo needs no option:
# dexsim streams through the FIFOs whenever the first layer streams) and the YAML's layer count.
set -- $("$python" -c "
import json, sys
d = json.load(open(sys.argv[1]))
lines = open(sys.argv[2] + '/networks/' + d['yaml']).read().split('\nlayers:\n')[1].splitlines()
n = sum(1 for l in lines if l.startswith('  - '))
print(d['yaml'], n, *[o for o in d['options'] if o == '--overlap-data'])" "$json" "$here")
yaml=$1; yaml_layers=$2; shift 2
if "$dexsim" --config "$device" --net "$here/networks/$yaml" --checkpoint "$tmp/$name.pth.tar" \
	--input-tensor "$tmp/$name.npy" --timing-only --format csv "$@" > "$tmp/$name.csv" 2> "$tmp/$name.err"; then
	"$python" -c "
import csv, sys
r = list(csv.DictReader(open(sys.argv[1])))[-1]
print('runs', r['layers'], sys.argv[2], r['cycles'], r['latency_us'])" "$tmp/$name.csv" "$yaml_layers"
else
	echo "refused $(sed 's/^dexsim: //' "$tmp/$name.err" | head -1)"
fi
