#!/bin/sh
# Per layer and processor (--report processors) and per layer and data-memory
# instance (--report memories): every processor and instance of every layer,
# adding up to the whole run's statistics in the JSON and to the summary's MACs
# and cycles, for the four networks of the DEX paper and all four input modes.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for pair in "max78000 simplenet" "max78000 widenet" "max78002 efficientnetv2" "max78002 mobilenetv2"; do
	set -- $pair
	for mode in downsample coordconv coordconv-r dex; do
		"$DEXSIM" --config "$1" --net "$2" --input "$mode" --timing-only --report processors \
			--format json > "$tmp/p.json" &&
		"$DEXSIM" --config "$1" --net "$2" --input "$mode" --timing-only --report memories \
			--format json > "$tmp/m.json" &&
		"$DEXSIM" --config "$1" --net "$2" --input "$mode" --timing-only --report layers \
			--format csv > "$tmp/l.csv" &&
		"$PYTHON" - "$tmp/p.json" "$tmp/m.json" "$tmp/l.csv" <<'PY' && ok || not_ok "$2 $mode: per-layer statistics"
import csv, json, sys
p, m = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
layers = list(csv.DictReader(open(sys.argv[3])))
rows, whole = p['layer_processors'], p['processors']
n_proc, n_inst = len(whole), len(m['memories'])
assert len(rows) == len(layers) * n_proc, (len(rows), len(layers), n_proc)
assert len(m['layer_memories']) == len(layers) * n_inst
for key in ('active_cycles', 'macs', 'mem_reads', 'mem_writes', 'tram_writes', 'weight_words'):
    for q in range(n_proc):
        assert sum(r[key] for r in rows if r['processor'] == q) == whole[q][key], (key, q)
for key in ('reads', 'writes'):
    for i in range(n_inst):
        assert sum(r[key] for r in m['layer_memories'] if r['instance'] == i) == m['memories'][i][key]
# The network's MACs, and each layer's: only the layer's processors work, for
# the layer's cycles; a layer's input processors' MACs are the layer's.
assert sum(r['macs'] for r in rows) == p['summary']['macs']
for l in layers:
    mine = [r for r in rows if r['layer'] == int(l['layer'])]
    assert sum(r['macs'] for r in mine) == int(l['macs']), l['layer']
    active = [r for r in mine if r['active_cycles']]
    assert len(active) == int(l['in_procs']), (l['layer'], len(active), l['in_procs'])
    assert all(r['active_cycles'] == int(l['cycles']) for r in active)
PY
	done
done
expect_error "--report heatmap: expected summary, layers, processors or memories" --config max78000 --net simplenet --report heatmap
finish
