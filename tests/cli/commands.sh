#!/bin/sh
# The README's commands and the options that shape a run: --set, --classes,
# --format, --report, --output.
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# The quick-start command (bare names resolve to configs/ and models/).
check "quick start runs" "$DEXSIM" --config max78000 --net widenet
check "path to config" "$DEXSIM" --config "$SRCDIR/configs/max78000.yaml" --net widenet -o q.txt
check "table output names the net" grep -q widenet q.txt
check "--help" "$DEXSIM" --help
check "--version" sh -c "'$DEXSIM' --version | grep -q '^dexsim '"

# Summary CSV: one header, one row, the agreed columns first.
"$DEXSIM" --config max78000 --net simplenet --format csv > s.csv
check "summary header" sh -c "head -1 s.csv | grep -q '^net,config,input,input_channels,size_kb,info_ratio,proc_util_pct,cycles,latency_us,macs'"
check "summary has one row" test "$(wc -l < s.csv)" -eq 2

# Layers CSV: one row per hardware layer with the agreed columns.
"$DEXSIM" --config max78000 --net simplenet --report layers --format csv > l.csv
check "layers has 14 rows" test "$(wc -l < l.csv)" -eq 15
"$PYTHON" - l.csv <<'PY' && ok || not_ok "layer columns and hand-computed first layer"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
need = "layer,name,op,in_channels,out_channels,in_h,in_w,out_h,out_w,kernel,passes,in_procs,out_procs,proc_util_pct,macs,weight_bytes,data_bytes".split(",")
assert all(c in rows[0] for c in need), set(need) - set(rows[0])
r = rows[0]
# conv1: 3 -> 16 channels, 3x3 pad 1 on 32x32: 3*16*9*32*32 MACs, 432 8-bit weights.
assert r["macs"] == str(3 * 16 * 9 * 32 * 32) and r["weight_bytes"] == "432", r
# conv11: 2x2 pool of 4x4 -> 2x2, 96 -> 512 1x1 with 4-bit weights: 96*512/2 bytes.
r = rows[10]
assert (r["in_h"], r["out_h"], r["kernel"], r["weight_bytes"]) == ("4", "2", "1x1", str(96 * 512 // 2)), r
# conv12: 512 channels in 8 passes of 64 processors.
assert rows[11]["passes"] == "8" and rows[11]["in_procs"] == "64", rows[11]
PY

# JSON: summary, layers, processors and memories; the statistics add up.
"$DEXSIM" --config max78002 --net mobilenetv2 --report layers --format json > m.json
"$PYTHON" - <<'PY' && ok || not_ok "json"
import json
d = json.load(open("m.json"))
assert len(d["layers"]) == 73 and d["summary"]["net"] == "mobilenetv2"
procs = d["processors"]
assert len(procs) == 64 and [p["id"] for p in procs] == list(range(64))
for key in ("active_cycles", "macs", "mem_reads", "mem_writes", "tram_writes", "weight_words"):
    assert all(isinstance(p[key], int) for p in procs), key
assert sum(p["macs"] for p in procs) == d["summary"]["macs"]
assert max(p["active_cycles"] for p in procs) <= d["summary"]["cycles"]
assert len(d["memories"]) == 16
# Per layer: MAC utilization = MACs / (cycles x 64 processors x 9).
for l in d["layers"]:
    assert abs(l["mac_util_pct"] - 100 * l["macs"] / (l["cycles"] * 64 * 9)) < 0.01, l
assert sum(l["cycles"] for l in d["layers"]) < d["summary"]["cycles"]
PY

# --timing-only gives the same cycles without the arithmetic; --dump needs it.
"$DEXSIM" --config max78000 --net widenet --format csv > full.csv
"$DEXSIM" --config max78000 --net widenet --format csv --timing-only > timing.csv
check "--timing-only, same cycles" cmp -s full.csv timing.csv
"$DEXSIM" --config max78000 --net widenet --timing-only --dump d 2> e.txt
check "--dump with --timing-only is a usage error" test $? -eq 2

# --classes: the vendor's published totals for 100 classes.
"$DEXSIM" --config max78000 --net widenet --classes 100 --format csv > w.csv
"$PYTHON" -c '
import csv; r = next(csv.DictReader(open("w.csv")))
# ai8x-synthesis published WideNet (CIFAR-100) totals.
assert (r["macs"], r["weight_bytes"], r["bias_bytes"]) == ("42957568", "312200", "1500"), r' && ok || not_ok "--classes 100 totals"

# --set: a what-if machine; dex fills every processor.
"$DEXSIM" --config max78000 --net "$SRCDIR/tests/nets/tiny.yaml" --input dex --set processors=128 --format json > p.json
"$PYTHON" - <<'PY' && ok || not_ok "--set processors=128 builds a 128-processor machine"
import json
d = json.load(open("p.json"))
assert d["summary"]["input_channels"] == 128 and len(d["processors"]) == 128
assert len(d["memories"]) == 32  # four processors per instance
assert all(p["tram_writes"] > 0 for p in d["processors"])  # all hold input channels
PY
# A faster clock: the same cycles in half the time; the host's 662 cycles at
# 100 MHz in the timed window (6.62 us) do not change with the CNN clock.
"$DEXSIM" --config max78000 --net simplenet --set clock_mhz=100 --format csv > fast.csv
"$DEXSIM" --config max78000 --net simplenet --format csv > slow.csv
"$PYTHON" -c '
import csv
a = next(csv.DictReader(open("fast.csv")))
b = next(csv.DictReader(open("slow.csv")))
assert a["cycles"] == b["cycles"], (a, b)
assert abs(float(a["latency_us"]) - (int(a["cycles"]) / 100 + 6.62)) < 0.01, a
assert abs(float(b["latency_us"]) - (int(b["cycles"]) / 50 + 6.62)) < 0.01, b' && ok || not_ok "clock_mhz scales latency"
check "--set clock_mhz" "$DEXSIM" --config max78000 --net simplenet --set clock_mhz=100
check "--set with hex" "$DEXSIM" --config max78000 --net simplenet --set data_memory.instance_words=0x4000

# A smaller weight memory makes WideNet not fit: named layer, processor, need and capacity.
"$DEXSIM" --config max78000 --net widenet --set weight_memory.words=300 --set weight_memory.large_words=300 2> e.txt
check "too-small weight memory exits 2" test $? -eq 2
check "weight memory message" grep -Eq "layer [0-9]+ 'conv[0-9]+': weight memory of processor [0-9]+ needs [0-9]+ words, has 300" e.txt

# --output is atomic: a failing run leaves no file, a good one a complete file.
"$DEXSIM" --config max78000 --net nosuchnet --output out.csv 2>/dev/null
check "failed run writes no file" test ! -e out.csv
check "--output writes" "$DEXSIM" --config max78000 --net simplenet --format csv --output out.csv
check "--output complete" test "$(wc -l < out.csv)" -eq 2
check "no temporary files left" test "$(ls | grep -c 'out.csv.')" -eq 0

# Only regular files are replaced: a FIFO (as a device would be) is written
# into and stays a FIFO; through a symbolic link the target is replaced (or made).
mkfifo pipe
timeout 10 cat pipe > from_pipe &  # bounded: a broken --output never opens it
reader=$!
check "--output into a FIFO" "$DEXSIM" --config max78000 --net simplenet --format csv --output pipe
wait $reader
check "the FIFO is still a FIFO" test -p pipe
check "the FIFO's reader got the report" test "$(wc -l < from_pipe)" -eq 2
echo old > target.csv
ln -s target.csv link.csv
check "--output through a link" "$DEXSIM" --config max78000 --net simplenet --format csv --output link.csv
check "the link is still a link" test -L link.csv
check "its target holds the report" test "$(wc -l < target.csv)" -eq 2
# A link to a file not made yet makes it, beside the link (as the shell's '>').
mkdir sub && ln -s later.csv sub/ahead.csv
check "--output through a link to nothing yet" "$DEXSIM" --config max78000 --net simplenet --format csv --output sub/ahead.csv
check "the link stays; the file it names holds the report" sh -c \
	"test -L sub/ahead.csv && test \"\$(wc -l < sub/later.csv)\" -eq 2"
# Columns: a narrow people's table by default, any choice in every format.
"$DEXSIM" --config max78000 --net simplenet --timing-only > "$tmp/narrow.txt"
check "the people's table: 12 columns" test "$(head -1 "$tmp/narrow.txt" | wc -w)" -eq 12
check "without the weights' load" sh -c "! grep -q weights_load_us '$tmp/narrow.txt'"
"$DEXSIM" --config max78000 --net simplenet --timing-only --columns all > "$tmp/wide.txt"
check "--columns all: all 19" test "$(head -1 "$tmp/wide.txt" | wc -w)" -eq 19
"$DEXSIM" --config max78000 --net simplenet --timing-only --format csv \
	--columns latency_us,cycles,net > "$tmp/chosen.csv"
check "--columns in CSV, in the order given" sh -c "head -1 '$tmp/chosen.csv' | grep -qx 'latency_us,cycles,net' &&
	tail -1 '$tmp/chosen.csv' | grep -qx '2593.00,129319,simplenet'"
"$DEXSIM" --config max78000 --net simplenet --timing-only --format json --columns cycles > "$tmp/chosen.json"
check "--columns in JSON" "$PYTHON" -c "
import json, sys; s = json.load(open('$tmp/chosen.json'))['summary']; sys.exit(s != {'cycles': 129319})"
"$DEXSIM" --config max78000 --net simplenet --timing-only --format csv --report layers \
	--columns name,cycles > "$tmp/layers.csv"
check "--columns of the layer report" sh -c "head -2 '$tmp/layers.csv' | tr '\n' ' ' | grep -qx 'name,cycles conv1,18828 '"
expect_error "--columns: no column 'bogus' in this report \(its columns: net, config," \
	--config max78000 --net simplenet --columns cycles,bogus
# JSON records how the run was made: the version, the command line, the
# overrides, the seed and the SHA-256 of every file read (checked against
# sha256sum); a picture from a pipe has none.
"$DEXSIM" --config max78000 --net simplenet --set clock_mhz=60 --seed 7 \
	--image "$SRCDIR/examples/images/scene.png" --timing-only --format json > "$tmp/run.json"
cat "$SRCDIR/examples/images/scene.png" |
	"$DEXSIM" --config max78000 --net simplenet --image /dev/stdin --timing-only --format json \
	> "$tmp/piped.json"
if "$PYTHON" - "$tmp/run.json" "$tmp/piped.json" "$DEXSIM" "$SRCDIR" <<'PY'
import json, subprocess, sys
run = json.load(open(sys.argv[1]))["run"]
dexsim, src = sys.argv[3], sys.argv[4]
assert subprocess.run([dexsim, "--version"], capture_output=True, text=True).stdout.startswith(
    "dexsim " + run["version"] + "\n"), run["version"]
assert run["command_line"] == [dexsim, "--config", "max78000", "--net", "simplenet", "--set",
                               "clock_mhz=60", "--seed", "7", "--image",
                               src + "/examples/images/scene.png", "--timing-only", "--format",
                               "json"], run["command_line"]
assert run["overrides"] == ["clock_mhz=60"] and run["seed"] == 7, run
files = {f["role"]: f for f in run["files"]}
assert set(files) == {"config", "net", "image"}, files
for f in files.values():
    out = subprocess.run(["sha256sum", f["path"]], capture_output=True, text=True, check=True)
    assert f["sha256"] == out.stdout.split()[0], f
piped = {f["role"]: f for f in json.load(open(sys.argv[2]))["run"]["files"]}
assert piped["image"]["path"] == "/dev/stdin" and piped["image"]["sha256"] is None, piped
PY
then ok; else not_ok "the JSON report's run object"; fi
# JSON types: numbers are numbers, binary weights a boolean beside their 1 bit.
sed 's/^    out_channels: 32$/    out_channels: 32\n    weight_bits: binary/' "$SRCDIR/tests/nets/tiny.yaml" > "$tmp/binary.yaml"
"$DEXSIM" --config max78002 --net "$tmp/binary.yaml" --report layers --format json > "$tmp/types.json"
check "JSON: weight_bits a number, binary_weights a boolean" "$PYTHON" -c "
import json, sys
layers = json.load(open('$tmp/types.json'))['layers']
sys.exit(not (layers[0]['weight_bits'] == 1 and layers[0]['binary_weights'] is True and
              layers[1]['weight_bits'] == 8 and layers[1]['binary_weights'] is False and
              isinstance(layers[0]['cycles'], int) and layers[0]['kernel'] == '3x3'))"
# libpng and libzip are loaded only by runs that read a PNG picture or an
# archive (the dynamic linker's own log says what it loads).
LD_DEBUG=files "$DEXSIM" --config max78000 --net simplenet --timing-only > /dev/null \
	2> "$tmp/ld-plain.log"
LD_DEBUG=files "$DEXSIM" --config max78000 --net simplenet --timing-only \
	--image "$SRCDIR/examples/images/scene.png" > /dev/null 2> "$tmp/ld-png.log"
check "a run without a PNG or an archive loads neither libpng nor libzip" \
	sh -c "grep -q 'file=' '$tmp/ld-plain.log' && ! grep -Eq 'file=lib(png|zip)' '$tmp/ld-plain.log'"
check "a PNG picture loads libpng, on first use" \
	grep -Eq 'file=libpng.*dynamically loaded by' "$tmp/ld-png.log"
LD_DEBUG=files "$DEXSIM" --config max78000 --net "$SRCDIR/tests/vendor/mnist/mnist-chw-ai85.yaml" \
	--checkpoint "$SRCDIR/tests/vendor/mnist/ai85-mnist-qat8-q.pth.tar" \
	--input-tensor "$SRCDIR/tests/vendor/mnist/sample_mnist.npy" --timing-only > "$tmp/ld-zip.out" \
	2> "$tmp/ld-zip.log"
check "a checkpoint loads libzip, on first use" sh -c "grep -q mnist '$tmp/ld-zip.out' &&
	grep -Eq 'file=libzip.*dynamically loaded by' '$tmp/ld-zip.log'"
finish
