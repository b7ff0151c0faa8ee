#!/bin/sh
# Wall-clock of whole dexsim processes (start-up, loading, elaboration and
# report included): WideNet on the MAX78000 with --timing-only (target 5 ms)
# and bit-exact (target 8 ms), medians of 41 runs each.  Beside them, in the
# same rounds, /bin/true (what starting any process costs here) and
# dexsim --version (dexsim's own start-up: its libraries and their
# initialisation).  Each process is timed alone, from its start to its end,
# by one Python process that starts them all in turn, so the rounds see the
# same machine.  Prints every figure, then exits 1 if a target is missed.
dexsim=${1:-./dexsim}
PYTHON=${PYTHON:-python3}
exec "$PYTHON" - "$dexsim" <<'PY'
import statistics, subprocess, sys, time

dexsim = sys.argv[1]
widenet = [dexsim, "--config", "max78000", "--net", "widenet"]
runs = {
    "/bin/true": ["/bin/true"],
    "dexsim --version": [dexsim, "--version"],
    "timing-only": widenet + ["--timing-only"],
    "bit-exact": widenet,
}
times = {name: [] for name in runs}
for _ in range(41):
    for name, command in runs.items():
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times[name].append((time.perf_counter() - start) * 1e3)
median = {name: statistics.median(t) for name, t in times.items()}
print("starting /bin/true: median %.2f ms; dexsim --version: %.2f ms"
      % (median["/bin/true"], median["dexsim --version"]))
missed = False
for name, target in (("timing-only", 5), ("bit-exact", 8)):
    met = median[name] < target
    missed |= not met
    print("widenet max78000 %s: median %.2f ms (target %d ms: %s)"
          % (name, median[name], target, "met" if met else "MISSED"))
sys.exit(1 if missed else 0)
PY
