#!/bin/sh
# --timeline: a trace-event JSON (Perfetto, chrome://tracing) whose every event
# has name, ph, pid and tid (complete events also ts and dur); each layer's
# slice lasts its cycles and the slices of its rows add up to them; quadrant
# and memory tracks are busy exactly in the layers that use them.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd_dir="$SRCDIR/tests/vendor/cats_dogs"

timeline() { # NAME DEXSIM-OPTIONS...: a timeline, its layers and processors tables
	name=$1; shift
	"$DEXSIM" "$@" --timing-only --timeline "$tmp/$name.json" --report layers --format csv \
		> "$tmp/$name.csv" &&
	"$DEXSIM" "$@" --timing-only --report processors --format csv > "$tmp/$name.procs.csv" &&
	"$DEXSIM" "$@" --timing-only --report memories --format csv > "$tmp/$name.mems.csv"
}
check_timeline() { # NAME CLOCK_MHZ
	"$PYTHON" - "$tmp/$1" "$2" <<'PY'
import csv, json, sys
base, mhz = sys.argv[1], float(sys.argv[2])
events = json.load(open(base + '.json'))['traceEvents']
layers = list(csv.DictReader(open(base + '.csv')))
procs = list(csv.DictReader(open(base + '.procs.csv')))
mems = list(csv.DictReader(open(base + '.mems.csv')))
for e in events:
    assert {'name', 'ph', 'pid', 'tid'} <= set(e), e
    if e['ph'] == 'X':
        assert e['ts'] >= 0 and e['dur'] >= 0, e
slices = [e for e in events if e['ph'] == 'X']
tracks = lambda pid, tid: [e for e in slices if e['pid'] == pid and e['tid'] == tid]
layer_slices, rows = tracks(1, 0), tracks(1, 1)
assert len(layer_slices) == len(layers)
close = lambda a, b: abs(a - b) < 1e-6 * max(1, abs(b))
for l, s in zip(layers, layer_slices):
    assert s['name'] == l['name'] and s['args']['cycles'] == int(l['cycles']), (s, l)
    assert close(s['dur'], int(l['cycles']) / mhz), (s, l)
    mine = [r for r in rows if s['ts'] - 1e-9 <= r['ts'] < s['ts'] + s['dur'] - 1e-9]
    assert close(sum(r['dur'] for r in mine), s['dur']), (l['name'], mine)
    # A quadrant is busy in this layer when one of its 16 processors is active.
    busy = {int(p['processor']) // 16 for p in procs
            if p['layer'] == l['layer'] and int(p['active_cycles'])}
    assert busy == {e['tid'] for e in slices if e['pid'] == 2 and e['ts'] == s['ts']}, l['name']
    used = {int(m['instance']) for m in mems
            if m['layer'] == l['layer'] and (int(m['reads']) or int(m['writes']))}
    assert used == {e['tid'] for e in slices if e['pid'] == 3 and e['ts'] == s['ts']}, l['name']
print(len(slices), 'slices')
PY
}

timeline simplenet --config max78000 --net simplenet
check "SimpleNet's timeline" check_timeline simplenet 50
timeline mobilenetv2 --config max78002 --net mobilenetv2 --input dex
check "MobileNetV2's timeline (passthrough rows, 200 MHz)" check_timeline mobilenetv2 200
# A slow host: the streaming layers wait for the FIFOs, and the timeline shows it.
timeline cats --config max78000 --net "$cd_dir/cats-dogs-hwc.yaml" --checkpoint "$cd_dir"/*.pth.tar \
	--input-tensor "$cd_dir"/sample_*.npy --set host.cycles_per_word=100
check "cats-dogs' timeline with a FIFO wait" check_timeline cats 50
check "the wait has its slice" grep -q '"waiting for the FIFOs"' "$tmp/cats.json"
finish
