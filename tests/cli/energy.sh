#!/bin/sh
# The energy model (configs/README.md), recomputed by hand from the layer
# table's counts and the description's constants: per CNN cycle, per kernel
# word read (one per kernel applied: MACs / kernel size, x bits / 8), per
# processor-cycle on signed input; the layers add up to the inference; the
# input's load costs its stores' CNN cycles.  (The constants' calibration
# against the vendor's measurements is checked by validate.sh.)
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for run in "max78002 simplenet downsample" "max78002 mobilenetv2 dex" "max78000 widenet coordconv"; do
	set -- $run
	"$DEXSIM" --config "$1" --net "$2" --input "$3" --timing-only --report layers --format json \
		> "$tmp/r.json" || { not_ok "$run: dexsim failed"; continue; }
	if "$PYTHON" - "$tmp/r.json" "$SRCDIR/configs/$1.yaml" "$SRCDIR/models/$2.yaml" <<'PY'
import json, sys
import yaml
r = json.load(open(sys.argv[1]))
hw = yaml.safe_load(open(sys.argv[2]))
net = yaml.safe_load(open(sys.argv[3]))
e = hw['energy']
layers = r['layers']
descs = net['layers']
assert len(descs) == len(layers)
total, signed = 0.0, 0
for i, (l, d) in enumerate(zip(layers, descs)):
    cycles = int(l['cycles'])
    pj = 1000 * e['per_cycle_nj'] * cycles
    if l['kernel'] != 'none':
        kh, _, kw = l['kernel'].partition('x')
        ksize = int(kh) * int(kw or 1)
        pj += e['weight_read_pj'] * int(l['macs']) / ksize * int(l['weight_bits']) / 8
        # Fed by a hidden layer without ReLU: every input processor works
        # the layer's cycles on signed data.
        names = [x['name'] for x in descs]
        sources = [names.index(s) for s in d.get('in_sequences', [])] or [i - 1]
        if any(s >= 0 and layers[s]['activation'] == 'none' for s in sources):
            pj += e['signed_input_pj'] * int(l['in_procs']) * cycles
            signed += 1
    assert abs(pj / 1e6 - float(l['energy_uj'])) <= 0.0005 + 1e-6 * pj / 1e6, (i, pj / 1e6, l['energy_uj'])
    total += pj / 1e6
s = r['summary']
startup = hw['timing']['startup']
total += e['per_cycle_nj'] * startup / 1000
assert abs(total - float(s['energy_uj'])) <= 0.01 + 1e-4 * total, (total, s['energy_uj'])
# MobileNetV2's linear bottlenecks feed signed data; the others rectify.
assert (signed > 0) == (net['name'] == 'mobilenetv2'), (net['name'], signed)
PY
	then ok; else not_ok "$run: energy differs from the hand calculation"; fi
done

# The load's energy, by hand for SimpleNet downsampled on the MAX78000: 3
# channels of 32 x 32 in HWC are 1,024 words; each 6 CNN cycles of 0.866 nJ.
got=$("$DEXSIM" --config max78000 --net simplenet --timing-only --format csv | tail -1 | awk -F, '{ print $NF }')
check "SimpleNet's input load: 1024 x 6 x 0.866 nJ = 5.32 uJ ($got)" test "$got" = 5.32
# A what-if: a faster clock tree halves the per-cycle cost.
half=$("$DEXSIM" --config max78000 --net simplenet --timing-only --set energy.per_cycle_nj=0.433 \
	--format csv | tail -1 | awk -F, '{ print $NF }')
check "half the per-cycle energy, half the load's ($half)" test "$half" = 2.66
finish
