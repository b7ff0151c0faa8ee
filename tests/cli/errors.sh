#!/bin/sh
# Bad input exits with status 2 and a message naming file:line:column and key.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bad="$SRCDIR/tests/bad"

expect_error "unknown_key.yaml:17:3: data_memory.instance_size: unknown key" --config "$bad/unknown_key.yaml" --net simplenet
expect_error "wrong_type.yaml:12:13: processors: expected an integer, found 'many'" --config "$bad/wrong_type.yaml" --net simplenet
expect_error "out_of_range.yaml:11:12: clock_mhz: -5 is out of range" --config "$bad/out_of_range.yaml" --net simplenet
expect_error "missing_key.yaml:[0-9]+:[0-9]+: tram.entries: missing key" --config "$bad/missing_key.yaml" --net simplenet
expect_error "--set processors: expected an integer, found 'lots'" --config max78000 --net simplenet --set processors=lots
expect_error "--set nosuch=1: unknown key" --config max78000 --net simplenet --set nosuch=1
expect_error "net_unknown_key.yaml:12:5: layers\[0\].kernal: unknown key" --config max78000 --net "$bad/net_unknown_key.yaml"
expect_error "net_bad_seq.yaml:[0-9]+:[0-9]+: layers\[1\].in_sequences: 'conv9' is not the name of an earlier layer" --config max78000 --net "$bad/net_bad_seq.yaml"
expect_error "net_syntax.yaml:[0-9]+:[0-9]+: YAML syntax error" --config max78000 --net "$bad/net_syntax.yaml"
expect_error "layer 1 'dw': the MAX78000 has no depthwise convolution" --config max78000 --net "$bad/net_depthwise.yaml"
expect_error "layer 0 'conv1': 16 output channels in 1 pass need 16 processors per pass, but the output map has 8" --config max78000 --net "$bad/net_mask.yaml"
expect_error "layer 0 'conv1': data memory: the 91x91 input" --config max78000 --net "$bad/net_big_input.yaml" --input dex
expect_error "efficientnetv2.yaml: 33 layers, the MAX78000 runs at most 32" --config max78000 --net efficientnetv2
expect_error "layer 2 'conv3': data memory: its output at 0x2000 overwrites the output of layer 0 'conv1' at 0x2000, which layer 3 'add' still reads" --config max78000 --net "$bad/net_overlap.yaml"
# Moving conv3's output elsewhere makes the same network fit.
sed '21,25s/out_offset: 0x2000/out_offset: 0x1000/' "$bad/net_overlap.yaml" > "$tmp/fixed.yaml"
check "non-overlapping residual fits" "$DEXSIM" --config max78000 --net "$tmp/fixed.yaml"
expect_error "--input rgb: unknown input mode" --config max78000 --net simplenet --input rgb
expect_error "--net nosuch: no such network" --config max78000 --net nosuch
expect_error "--format xml" --config max78000 --net simplenet --format xml
expect_error "--classes 0" --config max78000 --net simplenet --classes 0
expect_error "required" --net simplenet
expect_error "--image nosuch.png: No such file or directory" --config max78000 --net simplenet --image nosuch.png
expect_error "--image .*: not a PNG, PPM or PGM file" --config max78000 --net simplenet --image "$bad/net_syntax.yaml"
expect_error "--channels 2: DEX fills 3 to 64 channels" --config max78000 --net simplenet --input dex --channels 2
expect_error "--channels 65: DEX fills 3 to 64 channels" --config max78000 --net simplenet --input dex --channels 65
expect_error "--channels applies to --input dex only" --config max78000 --net simplenet --channels 8
expect_error "--resolution 0: expected a whole number from 1 to 1023" --config max78000 --net simplenet --resolution 0

# What a YAML document may cost is bounded (issue 15, F1-F4, F14): each limit
# is an error naming the file, line and column, never a crash or a hang.
printf 'device: &r {a: *r}\n' > "$tmp/self.yaml"
expect_error "self.yaml:1:16: an alias inside the node it refers to" --config "$tmp/self.yaml" --net simplenet
"$PYTHON" -c "print('device: ' + '[' * 30000 + ']' * 30000)" > "$tmp/deep.yaml"
expect_error "deep.yaml:1:72: the document nests more than 64 levels deep" --config "$tmp/deep.yaml" --net simplenet
# Twelve levels of ten aliases each: 10^12 nodes once expanded, from 1.3 KB.
"$PYTHON" -c "
print('a0: &a0 [x, x, x, x, x, x, x, x, x, x]')
for i in range(1, 12): print(f'a{i}: &a{i} [' + ', '.join([f'*a{i - 1}'] * 10) + ']')" > "$tmp/bomb.yaml"
expect_error "bomb.yaml:6:[0-9]+: the document expands to more than 1000000 nodes" \
	--config "$tmp/bomb.yaml" --net simplenet
# 50,000 keys and one repeated at the end: found in n log n (was n^2: a minute).
"$PYTHON" -c "
for i in range(50000): print(f'k{i}: 1')
print('k7: 2')" > "$tmp/keys.yaml"
expect_error "keys.yaml:50001:1: key 'k7' is given twice \(first on line 8\)" --config "$tmp/keys.yaml" --net simplenet
{ cat "$SRCDIR/configs/max78000.yaml"; printf -- '---\n: broken: [\n'; } > "$tmp/two.yaml"
expect_error "two.yaml:[0-9]+:1: a second document \('---'\)" --config "$tmp/two.yaml" --net simplenet
expect_error "a second document" --config max78000 --net simplenet --set "clock_mhz=50
---
x: ["
# Memory bounded by need (F5): memories configured at their largest (the
# model once allocated and zeroed 9.4 GB for 16 Mi weight words alone) cost
# what the network uses.  Under a 100 MB address-space limit (those memories
# alone are 100 MB; the run needs about 40 MB) it completes with the same
# figures as at the chip's own sizes; past a real design's range, a size is
# an error.
big="--set weight_memory.words=65536 --set weight_memory.large_words=65536"
big="$big --set weight_memory.instance_words=65536 --set weight_memory.large_instance_words=65536"
big="$big --set data_memory.instance_words=1048576 --set bias_memory.bytes_per_quadrant=65536"
"$DEXSIM" --config max78000 --net simplenet --input dex --format csv > "$tmp/small.csv"
( ulimit -v 102400; "$DEXSIM" --config max78000 --net simplenet --input dex $big --format csv ) \
	> "$tmp/big.csv" 2> "$tmp/big.err"
check "the largest memories in 100 MB: the same cycles and MACs" sh -c "
	[ \"\$(cut -d, -f8,10 '$tmp/small.csv')\" = \"\$(cut -d, -f8,10 '$tmp/big.csv')\" ] &&
	[ -s '$tmp/big.csv' ]"
expect_error "weight_memory.words: 16777216 is out of range \[1, 65536\]" \
	--config max78000 --net simplenet --set weight_memory.words=16777216

# A weights array is checked against what its layer takes before it is
# inflated or converted (F6): 81 million values in a 79 KB archive would be
# 81 MB inflated and 648 MB as int64; a layer of 432 weights refuses them.
"$PYTHON" -c "
import numpy as np
np.savez_compressed('$tmp/huge.npz', **{'conv1.weight': np.zeros((1000, 1000, 9, 9), np.int8)})
np.savez_compressed('$tmp/twice.npz', **{'conv1.weight': np.zeros((32, 6, 3, 3), np.int8)})"
( ulimit -v 102400; "$DEXSIM" --config max78000 --net simplenet --weights "$tmp/huge.npz" ) \
	> /dev/null 2> "$tmp/huge.err"
check "an oversized array: exit 2" test $? -eq 2
check "named with what its layer takes" grep -q "huge.npz: array 'conv1.weight': larger than allowed (layer 0 'conv1' takes 432 values)" "$tmp/huge.err"
expect_error "conv1.weight has shape \[32, 6, 3, 3\]; layer 0 'conv1' .* needs \[16, 3, 3, 3\]" \
	--config max78000 --net simplenet --weights "$tmp/twice.npz"

# A picture's size is checked before it is decoded (F7): a 69-byte PNG that
# declares 30000 x 30000 would decode to 2.7 GB.
"$PYTHON" -c "
import struct, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
header = struct.pack('>IIBBBBB', 30000, 30000, 8, 2, 0, 0, 0)
open('$tmp/huge.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) +
    chunk(b'IDAT', zlib.compress(bytes(100))) + chunk(b'IEND', b''))"
expect_error "--image .*huge.png: 30000 x 30000 pixels, more than the 40000000" \
	--config max78000 --net simplenet --image "$tmp/huge.png"
printf 'P6\n30000 30000\n255\n' > "$tmp/huge.ppm"
expect_error "--image .*huge.ppm: 30000 x 30000 pixels" --config max78000 --net simplenet --image "$tmp/huge.ppm"
# A picture from a pipe is read once, as from a file (F13).
"$DEXSIM" --config max78000 --net simplenet --input dex --image "$SRCDIR/examples/images/scene.png" \
	--dump "$tmp/file" > /dev/null
"$DEXSIM" --config max78000 --net simplenet --input dex --image /dev/stdin --dump "$tmp/stdin" \
	< "$SRCDIR/examples/images/scene.png" > /dev/null
check "--image /dev/stdin: the same input as from the file" cmp -s "$tmp/file/input.npy" "$tmp/stdin/input.npy"
"$DEXSIM" --config max78000 --net simplenet --input dex --image - --dump "$tmp/dash" \
	< "$SRCDIR/examples/images/scene.png" > /dev/null
check "--image -: the same input as from the file" cmp -s "$tmp/file/input.npy" "$tmp/dash/input.npy"
"$DEXSIM" --config max78000 --net simplenet --input-tensor - --dump "$tmp/tensor" \
	< "$tmp/file/input.npy" > /dev/null
check "--input-tensor -: the same output as from the picture" \
	cmp -s "$tmp/file/output.npy" "$tmp/tensor/output.npy"
# In a batch, standard input may be the batch itself: a line names a file.
printf '%s\n' "-c max78000 -n simplenet --image -" "-c max78000 -n simplenet --timing-only" |
	"$DEXSIM" --batch - --format csv > "$tmp/batch.csv"
check "a batch line with --image -: its row says why; the next runs" sh -c "
	grep -q ',--image -: not in a batch line (name a file)\$' '$tmp/batch.csv' &&
	grep -q ',ok\$' '$tmp/batch.csv'"
"$DEXSIM" --config max78000 --net simplenet --input dex --dump "$tmp/synthetic" > /dev/null
check "(which differs from the synthetic picture's)" sh -c "! cmp -s $tmp/file/input.npy $tmp/synthetic/input.npy"

# An anchor used as the YAML spec means it (a repeated value) still works.
sed 's/^clock_mhz: 50 /clock_mhz: \&clock 50 /; s/^  clock_mhz: 50 .*/  clock_mhz: *clock/' \
	"$SRCDIR/configs/max78000.yaml" > "$tmp/anchored.yaml"
check "an anchor and its alias are read" sh -c "grep -q '\*clock' '$tmp/anchored.yaml' &&
	'$DEXSIM' --config '$tmp/anchored.yaml' --net simplenet --timing-only > /dev/null"
# A dot-product path the host cannot run, or that does not exist, is refused
# (exit 2) with the host's list, which always ends with the portable path.
DEXSIM_KERNELS=no-such-path "$DEXSIM" --config max78000 --net simplenet > "$tmp/paths.out" \
	2> "$tmp/paths.err"
status=$?
check "DEXSIM_KERNELS=no-such-path is refused with the host's paths" sh -c "[ $status -eq 2 ] &&
	grep -q 'DEXSIM_KERNELS=no-such-path: this host runs only .*portable\$' '$tmp/paths.err' &&
	[ ! -s '$tmp/paths.out' ]"
finish
