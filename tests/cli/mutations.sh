#!/bin/sh
# Bad input never crashes dexsim: 500 seeded mutations of the shipped descriptions
# and of vendor network files run with their checkpoints (deleted, duplicated,
# truncated lines and odd values) must each end with status 0, or status 2 and a
# "dexsim: " message. A crash or any other status fails the test.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
exec "$PYTHON" - "$DEXSIM" "$SRCDIR" "$tmp" <<'PY'
import os, random, subprocess, sys
dexsim, srcdir, tmp = sys.argv[1:]
random.seed(20261121)
sources = ["models/simplenet.yaml", "models/mobilenetv2.yaml", "models/efficientnetv2.yaml",
           "configs/max78000.yaml", "configs/max78002.yaml",
           "tests/vendor/mnist/mnist-chw-ai85.yaml", "tests/vendor/kws20_v3/kws20-v3-hwc.yaml",
           "tests/vendor/cats_dogs/cats-dogs-hwc.yaml", "tests/nets/vendor_defaults.yaml"]
# A vendor network runs with its checkpoint and sample, or (vendor_defaults) alone.
vendor = {
    "tests/vendor/mnist/mnist-chw-ai85.yaml":
        ["mnist/ai85-mnist-qat8-q.pth.tar", "mnist/sample_mnist.npy"],
    "tests/vendor/kws20_v3/kws20-v3-hwc.yaml":
        ["kws20_v3/ai85-kws20_v3-qat8-q.pth.tar", "kws20_v3/sample_kws_20.npy"],
    "tests/vendor/cats_dogs/cats-dogs-hwc.yaml":
        ["cats_dogs/ai85-catsdogs-qat8-q.pth.tar", "cats_dogs/sample_cats_vs_dogs.npy"],
}
values = ["0", "-1", "99999999999999999999", "[]", "{}", "x", "0x", "0x" + "f" * 70, "''",
          "[1, [2]]", "~", "&a 3", "*a", "3.5", "input", "conv1", "[conv1, conv1]"]
passed = failed = 0
path = os.path.join(tmp, "mutant.yaml")
for case in range(500):
    src = random.choice(sources)
    lines = open(os.path.join(srcdir, src)).read().split("\n")
    for _ in range(random.randint(1, 4)):
        i = random.randrange(len(lines))
        r = random.random()
        if r < 0.3:
            del lines[i]
        elif r < 0.6 and ":" in lines[i]:
            lines[i] = lines[i].split(":")[0] + ": " + random.choice(values)
        elif r < 0.8:
            lines.insert(i, lines[random.randrange(len(lines))])
        else:
            lines[i] = lines[i][: random.randrange(len(lines[i]) + 1)]
    open(path, "w").write("\n".join(lines))
    if src.startswith("configs"):
        args = ["--config", path, "--net", "simplenet"]
    elif src in vendor:
        checkpoint, sample = (os.path.join(srcdir, "tests/vendor", f) for f in vendor[src])
        args = ["--config", "max78000", "--net", path, "--checkpoint", checkpoint,
                "--input-tensor", sample, "--timing-only"]
    elif "vendor" in src:
        args = ["--config", "max78002", "--net", path, "--resolution", "8"]
    else:
        args = ["--config", "max78002", "--net", path]
    p = subprocess.run([dexsim, "--report", "layers", "--format", "json"] + args,
                       capture_output=True, text=True)
    if p.returncode == 0 or (p.returncode == 2 and p.stderr.startswith("dexsim: ")):
        passed += 1
    else:
        failed += 1
        print(f"FAIL case {case} ({src}): status {p.returncode}: {p.stderr[:300]}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
