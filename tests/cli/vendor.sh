#!/bin/sh
# The vendor's networks as they are: ai8x-synthesis YAML, quantized checkpoint
# and sample input give, bit for bit, the output the vendor's tool generated
# (tests/vendor/*/sampleoutput.h); bad vendor input exits 2 with a clear message.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
v="$SRCDIR/tests/vendor"
known="$PYTHON $v/known_answer.py"

# The network outputs dexsim dumped into DIR, in order: output.npy, or output0.npy ...
outputs() {
	if [ -f "$1/output.npy" ]; then echo "$1/output.npy"; return; fi
	k=0
	while [ -f "$1/output$k.npy" ]; do echo "$1/output$k.npy"; k=$((k + 1)); done
}

# known_answer NAME CONFIG [OPTIONS...]: dexsim's outputs against the known answer.
known_answer() {
	name=$1; config=$2; shift 2
	dir="$v/$name"
	rm -rf "$tmp/$name"
	if "$DEXSIM" --config "$config" --net "$dir"/*.yaml --checkpoint "$dir"/*.pth.tar \
		--input-tensor "$dir"/sample_*.npy --dump "$tmp/$name" "$@" > "$tmp/$name.out" &&
		$known compare --layout "$dir/layout.txt" "$dir/sampleoutput.h" \
			$(outputs "$tmp/$name") > "$tmp/$name.cmp"; then
		ok
	else
		not_ok "$name: dexsim's output differs from the vendor's known answer: $(cat "$tmp/$name.cmp" 2>/dev/null)"
	fi
}

known_answer mnist max78000                     # 1-channel CHW input, linear, 32-bit output
known_answer kws20_v3 max78000                  # 128-channel conv1d input in 2 passes
known_answer camvid_unet max78000 --overlap-data # concatenation, transposed convolutions
known_answer cats_dogs max78000                 # layers 0-1 stream: the input through the FIFOs
known_answer svhn_tinierssd max78000 --overlap-data # eight outputs (output: true)
known_answer kws20_v3_max78002 max78002         # the MAX78002's own checkpoint
check "svhn_tinierssd: eight outputs, one file each" test "$(outputs "$tmp/svhn_tinierssd" | wc -l)" -eq 8

# The comparison can fail: one changed class score is found.
"$PYTHON" -c "
import numpy as np, sys
a = np.load('$tmp/mnist/output.npy'); a[3] += 1; np.save('$tmp/wrong.npy', a)"
check "a changed output is caught" sh -c "! $known compare --layout $v/mnist/layout.txt $v/mnist/sampleoutput.h $tmp/wrong.npy >/dev/null"

# The layers come out under the vendor's names: layer<N> when unnamed.
check "unnamed layers are dumped as layer<N>" test -f "$tmp/mnist/layer0.npy" -a -f "$tmp/mnist/layer4.npy"
check "the MNIST sample is a 7" "$PYTHON" -c "
import numpy as np; assert np.load('$tmp/mnist/output.npy').argmax() == 7"

m="$v/mnist"
run_mnist() { "$DEXSIM" --config max78000 --net "$m/mnist-chw-ai85.yaml" "$@"; }
# Without the checkpoint, the output channels are unknown; without a tensor, the size.
expect_error "layer 0 'layer0': its output channels are not known: give the checkpoint" \
	--config max78000 --net "$m/mnist-chw-ai85.yaml" --input-tensor "$m/sample_mnist.npy"
expect_error "the input's size is not known.*--input-tensor" \
	--config max78000 --net "$m/mnist-chw-ai85.yaml" --checkpoint "$m/ai85-mnist-qat8-q.pth.tar"
# A checkpoint of another network: the first layer that differs is named.
expect_error "ai85-kws20_v3-qat8-q.pth.tar: the checkpoint is of model 'ai85kws20netv3', the network description of 'ai85net5'" \
	--config max78000 --net "$m/mnist-chw-ai85.yaml" --checkpoint "$v/kws20_v3/ai85-kws20_v3-qat8-q.pth.tar" \
	--input-tensor "$m/sample_mnist.npy"
sed 's/^arch: .*/arch: ai85kws20netv3/' "$m/mnist-chw-ai85.yaml" > "$tmp/renamed.yaml"
expect_error "layer 0 'layer0' \(conv2d\): voice_conv1.op.weight has shape \[100, 128, 1\]; a conv2d layer's weights have 4 dimensions" \
	--config max78000 --net "$tmp/renamed.yaml" --checkpoint "$v/kws20_v3/ai85-kws20_v3-qat8-q.pth.tar" \
	--input-tensor "$m/sample_mnist.npy"
# A kernel size the checkpoint contradicts.
sed '0,/pad: 1/s//pad: 0\n    kernel_size: 1x1/' "$m/mnist-chw-ai85.yaml" > "$tmp/kernel.yaml"
expect_error "layer 0 'layer0' \(conv2d\): conv1.op.weight has shape \[60, 1, 3, 3\]: 3x3 kernels, the description says 1x1" \
	--config max78000 --net "$tmp/kernel.yaml" --checkpoint "$m/ai85-mnist-qat8-q.pth.tar" \
	--input-tensor "$m/sample_mnist.npy"
# Output channels given in the description must agree with the checkpoint.
sed '0,/pad: 1/s//pad: 1\n    out_channels: 64/' "$m/mnist-chw-ai85.yaml" > "$tmp/channels.yaml"
expect_error "layer 0 'layer0' \(conv2d\): conv1.op.weight has shape \[60, 1, 3, 3\]: 60 output channels, the description says 64" \
	--config max78000 --net "$tmp/channels.yaml" --checkpoint "$m/ai85-mnist-qat8-q.pth.tar" \
	--input-tensor "$m/sample_mnist.npy"

# Vendor keys: unknown, unsupported, inconsistent; file, line, column and key.
printf 'arch: x\ndataset: y\nlayers:\n  - processors: 0x1\n    kernal_size: 3x3\n' > "$tmp/unknown.yaml"
expect_error "unknown.yaml:5:5: layers\[0\].kernal_size: unknown key" --config max78000 --net "$tmp/unknown.yaml"
printf 'arch: x\ndataset: y\nlayers:\n  - processors: 0x1\n    weight_source: 3\n' > "$tmp/unsupported.yaml"
expect_error "unsupported.yaml:5:20: layers\[0\].weight_source: not supported by dexsim" --config max78000 --net "$tmp/unsupported.yaml"
printf 'arch: x\ndataset: y\nlayers:\n  - processors: 0x1\n    operation: conv2d\n    op: conv1d\n' > "$tmp/twice.yaml"
expect_error "twice.yaml:6:5: layers\[0\].op: give one of op, operation, operator, convolution" --config max78000 --net "$tmp/twice.yaml"
printf 'arch: x\ndataset: y\nlayers:\n  - processors: 0x1\n    operation: conv2d\n    kernel_size: 5x5\n' > "$tmp/kernel5.yaml"
expect_error "kernel5.yaml:6:18: layers\[0\].kernel_size: '5x5': expected 1x1 or 3x3" --config max78000 --net "$tmp/kernel5.yaml"
printf 'arch: x\ndataset: y\nlayers:\n  - operation: conv2d\n' > "$tmp/noproc.yaml"
expect_error "noproc.yaml:4:5: layers\[0\]: missing key 'processors'" --config max78000 --net "$tmp/noproc.yaml"
printf 'arch: x\ndataset: y\nlayers:\n  - processors: 0x1\n  - processors: 0x1\n    operation: add\n' > "$tmp/add.yaml"
expect_error "add.yaml:5:5: layers\[1\]: an element-wise operation needs in_sequences with 2 or more inputs" --config max78000 --net "$tmp/add.yaml"

# read_gap must be the gap the input was written with.
printf 'arch: x\ndataset: y\nlayers:\n  - processors: 0x1\n    out_channels: 4\n    out_offset: 0x2000\n    write_gap: 1\n  - processors: 0xf\n    out_channels: 4\n' > "$tmp/gap.yaml"
"$PYTHON" -c "import numpy as np; np.save('$tmp/one.npy', np.ones((1, 8, 8), dtype=np.int8))"
expect_error "layer 1 'layer1': read_gap 0, but layer0 was written with write_gap 1" --config max78000 --net "$tmp/gap.yaml" --input-tensor "$tmp/one.npy"
printf '    read_gap: 1\n' >> "$tmp/gap.yaml"
check "read_gap 1 reads what write_gap 1 wrote" "$DEXSIM" --config max78000 --net "$tmp/gap.yaml" --input-tensor "$tmp/one.npy" -o "$tmp/gap.out"

# Streaming: the engine waits for the host when the FIFOs fill slower than it
# computes.  cats-dogs streams a 3x128x128 HWC input: 16,384 words.  At 100 host
# cycles per word at 100 MHz, plus 6 cycles of the 50 MHz CNN clock for each
# FIFO store, they take 16384 x (100 / 100 + 6 / 50) x 50 = 917,504 CNN cycles,
# from the start of layer 0 to the end of layer 1 (its last streaming layer).
cd_dir="$v/cats_dogs"
run_cats() { "$DEXSIM" --config max78000 --net "$cd_dir/cats-dogs-hwc.yaml" --checkpoint "$cd_dir"/*.pth.tar \
	--input-tensor "$cd_dir"/sample_*.npy --timing-only --report layers --format csv "$@"; }
run_cats --set host.cycles_per_word=100 > "$tmp/slow.csv"
check "a slow host: the streaming layers last as long as the input takes to arrive" "$PYTHON" -c "
import csv
rows = list(csv.DictReader(open('$tmp/slow.csv')))
assert int(rows[0]['cycles']) + int(rows[1]['cycles']) == 917504, rows[:2]"
# A fast host: the streaming layers take what the same layers take without
# streaming (given memory enough to hold the input whole), and the input's
# load time is inside the latency.
run_cats > "$tmp/fast.csv"
sed 's/streaming: true/streaming: false/' "$cd_dir/cats-dogs-hwc.yaml" > "$tmp/nostream.yaml"
"$DEXSIM" --config max78000 --net "$tmp/nostream.yaml" --checkpoint "$cd_dir"/*.pth.tar \
	--input-tensor "$cd_dir"/sample_*.npy --timing-only --report layers --format csv \
	--set data_memory.instance_words=32768 --set limits.first_layer_hwc_pixels=16384 > "$tmp/whole.csv"
run_cats --report summary > "$tmp/fast-summary.csv"
check "a fast host: no waiting, and the load is inside the latency" "$PYTHON" -c "
import csv
fast = list(csv.DictReader(open('$tmp/fast.csv')))
whole = list(csv.DictReader(open('$tmp/whole.csv')))
assert [r['cycles'] for r in fast] == [r['cycles'] for r in whole], (fast, whole)
s = next(csv.DictReader(open('$tmp/fast-summary.csv')))
assert float(s['total_us']) == float(s['latency_us']) and float(s['load_us']) > 0, s"
# Streaming rules: from the first layer on, the FIFOs' processors and channels.
printf 'arch: x\ndataset: y\nlayers:\n  - processors: 0x7\n    out_channels: 4\n    out_offset: 0x2000\n  - processors: 0xf\n    out_channels: 4\n    streaming: true\n' > "$tmp/late.yaml"
"$PYTHON" -c "import numpy as np; np.save('$tmp/rgb.npy', np.ones((3, 8, 8), dtype=np.int8))"
expect_error "layer 1 'layer1': streams, but layer 0 before it does not: streaming runs from the first layer on" \
	--config max78000 --net "$tmp/late.yaml" --input-tensor "$tmp/rgb.npy"
sed 's/processors: 0x0000000000000007/processors: 0x0000000000000070/' "$cd_dir/cats-dogs-hwc.yaml" > "$tmp/fifo.yaml"
expect_error "layer 0 'layer0': the FIFOs do not reach processor 4: a streamed input uses processors 0-3 of each quadrant" \
	--config max78000 --net "$tmp/fifo.yaml" --checkpoint "$cd_dir"/*.pth.tar --input-tensor "$cd_dir"/sample_*.npy --timing-only
"$PYTHON" -c "import numpy as np; np.save('$tmp/c20.npy', np.ones((20, 8, 8), dtype=np.int8))"
printf 'arch: x\ndataset: y\nlayers:\n  - processors: 0x00000000000fffff\n    out_channels: 4\n    out_offset: 0x2000\n    streaming: true\n' > "$tmp/wide.yaml"
expect_error "layer 0 'layer0': a streamed HWC input has 20 channels; the FIFOs take 16" \
	--config max78000 --net "$tmp/wide.yaml" --input-tensor "$tmp/c20.npy"
# Without streaming, the same input does not fit one data-memory instance.
expect_error "layer 0 'layer0': data memory: the 128x128 input \(1 pass, 1 operand\) needs 65536 bytes" \
	--config max78000 --net "$tmp/nostream.yaml" --checkpoint "$cd_dir"/*.pth.tar --input-tensor "$cd_dir"/sample_*.npy --timing-only

# Ready input tensors: dtype, shape and range are checked.
"$PYTHON" -c "
import numpy as np
np.save('$tmp/float.npy', np.full((1, 28, 28), 0.5))
np.save('$tmp/big.npy', np.full((1, 28, 28), 200))
np.save('$tmp/4d.npy', np.zeros((1, 1, 28, 28), dtype=np.int8))
np.save('$tmp/strings.npy', np.array(['a', 'b']))
np.save('$tmp/wide.npy', np.zeros((2000, 4, 4), dtype=np.int8))"
ck="$m/ai85-mnist-qat8-q.pth.tar"
expect_error "--input-tensor .*float.npy: the value at index 0 is not a whole number" --config max78000 --net "$m/mnist-chw-ai85.yaml" --checkpoint "$ck" --input-tensor "$tmp/float.npy"
expect_error "--input-tensor .*big.npy: value 200 at index 0 is outside the int8 range" --config max78000 --net "$m/mnist-chw-ai85.yaml" --checkpoint "$ck" --input-tensor "$tmp/big.npy"
expect_error "--input-tensor .*4d.npy: 4 dimensions; expected \[C, H, W\] or \[C, L\]" --config max78000 --net "$m/mnist-chw-ai85.yaml" --checkpoint "$ck" --input-tensor "$tmp/4d.npy"
expect_error "--input-tensor .*strings.npy: " --config max78000 --net "$m/mnist-chw-ai85.yaml" --checkpoint "$ck" --input-tensor "$tmp/strings.npy"
expect_error "--input-tensor .*wide.npy: 2000 channels; the hardware takes 1 to 1024" --config max78000 --net "$m/mnist-chw-ai85.yaml" --checkpoint "$ck" --input-tensor "$tmp/wide.npy"
expect_error "--image describes a picture input; --input-tensor is the whole input" --config max78000 --net "$m/mnist-chw-ai85.yaml" --input-tensor "$m/sample_mnist.npy" --image x.png

# Bad checkpoints: exit 2, and no partial output.
head -c 3000 "$ck" > "$tmp/truncated.pth.tar"
expect_error "truncated.pth.tar: " --config max78000 --net "$m/mnist-chw-ai85.yaml" --checkpoint "$tmp/truncated.pth.tar" --input-tensor "$m/sample_mnist.npy" -o "$tmp/report.csv"
check "a failed run leaves no report" test ! -e "$tmp/report.csv"
cp "$m/mnist-chw-ai85.yaml" "$tmp/notzip.pth.tar"
expect_error "notzip.pth.tar: not a zip file" --config max78000 --net "$m/mnist-chw-ai85.yaml" --checkpoint "$tmp/notzip.pth.tar" --input-tensor "$m/sample_mnist.npy"

finish
