#!/bin/sh
# The Python module (python/dexsim.py over libdexsim): a run and a batch give
# what separate dexsim processes print, every summary figure, every layer's
# row and every processor's and memory's statistics (the command rounds them
# as its columns say; here they are rounded alike and compared as text).
. "$SRCDIR/tests/cli/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$DEXSIM" --config max78000 --net simplenet --input dex --report layers --format json \
	> "$tmp/alone.json"
if "$PYTHON" - "$tmp/alone.json" <<'PY'
import json, sys
import dexsim

def same(value, text):
    """value printed as dexsim printed text: as many decimals, or hex offsets."""
    if text is None:
        return value is None
    text = str(text)
    if text.startswith("0x"):
        return value == int(text, 16)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return f"{value:.{decimals}f}" == text if isinstance(value, float) else str(value) == text

alone = json.load(open(sys.argv[1]))
r = dexsim.run(config="max78000", net="simplenet", input="dex")
assert set(r.summary) == set(alone["summary"]), (set(r.summary) ^ set(alone["summary"]))
for key, text in alone["summary"].items():
    assert same(r.summary[key], text), (key, r.summary[key], text)
assert len(r.layers) == len(alone["layers"]) == 14
for mine, theirs in zip(r.layers, alone["layers"]):
    shared = set(mine) - {"kernel_h", "kernel_w", "start"}
    assert shared <= set(theirs), shared - set(theirs)
    for key in shared:
        assert same(mine[key], theirs[key]), (mine["name"], key, mine[key], theirs[key])
    kernel = f"{mine['kernel_h']}x{mine['kernel_w']}" if mine["kernel_h"] else "none"
    assert kernel == theirs["kernel"], (kernel, theirs["kernel"])
for kind, mine in (("processors", r.processors), ("memories", r.memories)):
    assert len(mine) == len(alone[kind]) > 0
    for m, t in zip(mine, alone[kind]):
        assert all(same(m[k], t[k]) for k in m), (kind, m, t)
assert sum(p["macs"] for layer in r.layer_processors for p in layer) == r.summary["macs"]
assert repr(r).startswith("<dexsim.Result simplenet on max78000, dex:")
assert dexsim.version().startswith("dexsim ")
PY
then ok; else not_ok "dexsim.run differs from a separate run"; fi

# A batch against descriptions opened once: a bad point is its error, the
# others are what separate runs give.
if "$PYTHON" - "$DEXSIM" <<'PY'
import csv, io, subprocess, sys
import dexsim

hw, net = dexsim.Hardware("max78002"), dexsim.Network("widenet")
points = [dict(input="dex", channels=16, timing_only=True),
          dict(input="dex", channels=999, timing_only=True),
          dict(input="coordconv", sets={"clock_mhz": 100}, timing_only=True),
          dict(config="max78000", net="simplenet", sets=["weight_memory.words=64"])]
results = dexsim.batch(points, config=hw, net=net)
args = [["--config", "max78002", "--net", "widenet", "--input", "dex", "--channels", "16"],
        ["--config", "max78002", "--net", "widenet", "--input", "dex", "--channels", "999"],
        ["--config", "max78002", "--net", "widenet", "--input", "coordconv",
         "--set", "clock_mhz=100"],
        ["--config", "max78000", "--net", "simplenet", "--set", "weight_memory.words=64"]]
for result, a in zip(results, args):
    p = subprocess.run([sys.argv[1]] + a + ["--timing-only", "--format", "csv"],
                       capture_output=True, text=True)
    if p.returncode:
        assert isinstance(result, dexsim.Error), (a, result)
        assert str(result) == p.stderr.splitlines()[0][len("dexsim: "):], (str(result), p.stderr)
        continue
    row = next(csv.DictReader(io.StringIO(p.stdout)))
    for key, text in row.items():
        value = result.summary[key]
        decimals = len(text.split(".")[1]) if "." in text else 0
        shown = f"{value:.{decimals}f}" if isinstance(value, float) else str(value)
        assert shown == text, (a, key, value, text)
assert isinstance(results[1], dexsim.Error) and isinstance(results[3], dexsim.Error)
assert results[0].summary["input_channels"] == 16
# run() raises what batch() returns.
try:
    dexsim.run("max78000", "no-such-net")
    raise SystemExit("no error for a missing network")
except dexsim.Error as e:
    p = subprocess.run([sys.argv[1], "--config", "max78000", "--net", "no-such-net"],
                       capture_output=True, text=True)
    assert str(e) == p.stderr.splitlines()[0][len("dexsim: "):], (str(e), p.stderr)
    assert "available: efficientnetv2, mobilenetv2, simplenet, widenet" in str(e), str(e)
try:
    dexsim.run("max78000", "simplenet", bogus=1)
    raise SystemExit("no error for an unknown option")
except TypeError as e:
    assert "bogus" in str(e)
PY
then ok; else not_ok "dexsim.batch differs from separate runs"; fi

# The vendor's network, checkpoint and sample input as a point's options.
v="$SRCDIR/tests/vendor/mnist"
"$DEXSIM" --config max78000 --net "$v/mnist-chw-ai85.yaml" --checkpoint "$v/ai85-mnist-qat8-q.pth.tar" \
	--input-tensor "$v/sample_mnist.npy" --format json > "$tmp/mnist.json"
if "$PYTHON" - "$v" "$tmp/mnist.json" <<'PY'
import json, sys
import dexsim
v = sys.argv[1]
alone = json.load(open(sys.argv[2]))["summary"]
r = dexsim.run("max78000", f"{v}/mnist-chw-ai85.yaml", checkpoint=f"{v}/ai85-mnist-qat8-q.pth.tar",
               input_tensor=f"{v}/sample_mnist.npy")
assert r.summary["input"] == "tensor" and r.summary["info_ratio"] is None
assert alone.get("info_ratio") in (None, "")
for key in ("cycles", "macs", "weight_bytes", "bias_bytes", "kernel_words", "layers"):
    assert str(r.summary[key]) == str(alone[key]), (key, r.summary[key], alone[key])
PY
then ok; else not_ok "a checkpoint and an input tensor from Python"; fi
finish
