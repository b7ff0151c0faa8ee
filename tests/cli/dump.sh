#!/bin/sh
# --dump writes every tensor with the layer table's shapes; --seed and
# --weights decide the values; bad weight files are input errors.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

check "simplenet dump" "$DEXSIM" --net simplenet --config "$SRCDIR/configs/max78000.yaml" \
	--dump out/ --report layers --format csv -o layers.csv
"$PYTHON" - layers.csv out <<'PY' && ok || not_ok "dump shapes follow the layer table"
import csv, os, sys
import numpy as np
rows = list(csv.DictReader(open(sys.argv[1])))
x = np.load(os.path.join(sys.argv[2], 'input.npy'))
assert x.shape == (3, 32, 32) and x.dtype == np.int8, (x.shape, x.dtype)
names = {'input.npy', 'output.npy'}
for r in rows:
    a = np.load(os.path.join(sys.argv[2], r['name'] + '.npy'))
    names.add(r['name'] + '.npy')
    want = (int(r['out_channels']), int(r['out_h']), int(r['out_w']))
    assert a.shape == want, (r['name'], a.shape, want)
    assert a.dtype == (np.int32 if r['output_width'] == '32' else np.int8), (r['name'], a.dtype)
    if r['activation'] == 'relu':
        assert a.min() >= 0, r['name']
assert set(os.listdir(sys.argv[2])) == names, set(os.listdir(sys.argv[2])) ^ names
assert rows[-1]['output_width'] == '32' and len(rows) == 14
# The network's output is its last layer's, as the chip leaves it.
last = np.load(os.path.join(sys.argv[2], rows[-1]['name'] + '.npy'))
out = np.load(os.path.join(sys.argv[2], 'output.npy'))
assert out.dtype == np.int32 and np.array_equal(out, last)
PY

# Same seed, same tensors; another seed, other tensors.
"$DEXSIM" --net simplenet --config max78000 --dump again > /dev/null
"$DEXSIM" --net simplenet --config max78000 --dump other --seed 7 > /dev/null
check "same seed, same output" cmp -s out/conv14.npy again/conv14.npy
check "other seed, other output" sh -c '! cmp -s out/conv14.npy other/conv14.npy'

# Real weights: all zero weights and biases make every output zero.
"$PYTHON" - <<'PY' && ok || not_ok "write zero weights"
import numpy as np
shapes = {'conv1': (16, 3, 3, 3), 'conv2': (20, 16, 3, 3), 'conv3': (20, 20, 3, 3),
          'conv4': (20, 20, 3, 3), 'conv5': (20, 20, 3, 3), 'conv6': (20, 20, 3, 3),
          'conv7': (44, 20, 3, 3), 'conv8': (48, 44, 3, 3), 'conv9': (48, 48, 3, 3),
          'conv10': (96, 48, 3, 3), 'conv11': (512, 96, 1, 1), 'conv12': (128, 512, 1, 1),
          'conv13': (128, 128, 3, 3), 'conv14': (101, 128, 1, 1)}
arrays = {f'{n}.weight': np.zeros(s, np.int8) for n, s in shapes.items()}
np.savez_compressed('zero.npz', **arrays)
arrays['conv3.weight'] = np.zeros((20, 20, 1, 3), np.int8)
np.savez('shape.npz', **arrays)
arrays['conv3.weight'] = np.full((20, 20, 3, 3), 2, np.int8)  # 2-bit layer: [-2, 1]
np.savez('range.npz', **arrays)
del arrays['conv3.weight']
np.savez('missing.npz', **arrays)
arrays['conv3.weight'] = np.zeros((20, 20, 3, 3), np.int8)
arrays['conv99.weight'] = np.zeros((1,), np.int8)
np.savez('unknown.npz', **arrays)
PY
check "zero weights run" "$DEXSIM" --net simplenet --config max78000 --weights zero.npz --dump zero
"$PYTHON" -c "
import numpy as np
assert not np.load('zero/conv14.npy').any() and not np.load('zero/conv1.npy').any()" \
	&& ok || not_ok "zero weights give zero outputs"

expect_error "shape.npz: conv3.weight has shape \[20, 20, 1, 3\]; layer 2 'conv3' \(conv2d, 20 -> 20 channels\) needs \[20, 20, 3, 3\]" \
	--net simplenet --config max78000 --weights shape.npz
expect_error "range.npz: conv3.weight: value 2 at index 0 is outside the weight range \[-2, 1\] of layer 2 'conv3'" \
	--net simplenet --config max78000 --weights range.npz
expect_error "missing.npz: no array 'conv3.weight' for layer 2" \
	--net simplenet --config max78000 --weights missing.npz
expect_error "unknown.npz: array 'conv99.weight': the network has no layer 'conv99'" \
	--net simplenet --config max78000 --weights unknown.npz
expect_error "--weights nosuch.npz: " --net simplenet --config max78000 --weights nosuch.npz
echo "not a zip" > bad.npz
expect_error "--weights bad.npz: Not a zip archive" --net simplenet --config max78000 --weights bad.npz
# A byte changed inside a stored array: the entry's CRC no longer holds.
"$PYTHON" -c "
import numpy as np
np.savez('plain.npz', **dict(np.load('zero.npz')))
data = bytearray(open('plain.npz', 'rb').read())
at = data.index(b'conv9.weight.npy') + 400
data[at] ^= 0x40
open('corrupt.npz', 'wb').write(data)"
expect_error "corrupt.npz: array 'conv9.weight': truncated or corrupt zip entry" --net simplenet --config max78000 --weights corrupt.npz
expect_error "--seed -3: expected a non-negative integer" --net simplenet --config max78000 --seed -3
# A dump that cannot be written is an output error (1), not an input error.
touch file
"$DEXSIM" --net simplenet --config max78000 --dump file > /dev/null 2> err.txt
check "--dump onto a file exits 1" test $? -eq 1
check "--dump onto a file says so" grep -q "dump file: not a directory" err.txt
finish
