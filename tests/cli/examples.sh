#!/bin/sh
# The examples run from a build tree and produce what they promise.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

DEXSIM="$DEXSIM" PYTHON="$PYTHON" sh "$SRCDIR/examples/input-modes/run.sh" \
	"$SRCDIR/examples/images/scene.png" "$tmp/out" > "$tmp/log"
check "input-modes example runs" test $? -eq 0
check "it reports DEX's InfoRatio" grep -q "dex          64 channels, InfoRatio 21.33" "$tmp/log"
"$PYTHON" - "$tmp/out" <<'PY' && ok || not_ok "pictures have the tiles described"
import struct, sys
def size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    assert head[:8] == b'\x89PNG\r\n\x1a\n'
    return struct.unpack('>II', head[16:24])
# Tiles of 32 x 4 = 128 pixels with 4-pixel gaps, 6 per row.
assert size(f'{sys.argv[1]}/downsample.png') == (136, 136)        # one picture
assert size(f'{sys.argv[1]}/coordconv-r.png') == (4 * 132 + 4, 136)  # RGB + 3 grey
assert size(f'{sys.argv[1]}/dex.png') == (6 * 132 + 4, 4 * 132 + 4)  # 21 colour + 1 grey
PY

# The DEX sweep example: a CSV of 62 channel counts x 5 resolutions and a plot.
PATH="$(dirname "$DEXSIM"):$PATH" DEXSIM="$DEXSIM" sh "$SRCDIR/examples/dex-sweep/run.sh" \
	"$tmp/sweep" > "$tmp/sweep.log"
check "dex-sweep example runs" test $? -eq 0
"$PYTHON" - "$tmp/sweep/sweep.csv" <<'PY' && ok || not_ok "sweep CSV: every point, fits and misfits"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 62 * 5
ok = [r for r in rows if r['status'] == 'ok']
# Up to 45x45 every channel count fits. At 64x64 the input (16 KiB per
# instance) overlaps conv1's output at 0x2000 unless it stays in instance 0
# (3 or 4 channels), which conv1 does not write (its output goes to processors
# 4-19). 90x90 never fits.
fits = {(r['resolution'], r['channels']) for r in ok}
want = {(res, str(c)) for res in ('32', '40', '45') for c in range(3, 65)}
assert fits == want | {('64', '3'), ('64', '4')}, sorted(fits ^ (want | {('64', '3'), ('64', '4')}))
for r in ok:
    c = int(r['channels'])
    assert abs(float(r['info_ratio']) - round(c / 3, 2)) < 0.006, r
    assert abs(float(r['proc_util_pct']) - round(100 * c / 64, 1)) < 0.06, r
PY
check "dex-sweep plot" sh -c "head -c 8 '$tmp/sweep/sweep.png' | od -c | grep -q 'P   N   G'"
finish
