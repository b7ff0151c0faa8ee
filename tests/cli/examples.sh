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
finish
